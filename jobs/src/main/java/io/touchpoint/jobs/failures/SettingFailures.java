package io.touchpoint.jobs.failures;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import io.touchpoint.jobs.config.Durations;

/**
 * Says in one line which setting a settings record's validation refused and what to set: the property as it is
 * written ({@code touchpoint.s3.base-delay}), the constraint's message and the value given, e.g.
 * {@code touchpoint.s3.base-delay must be positive; use a duration such as 500ms, 30s or 10m (got 0s)}. Spring Boot's
 * own message lists codes and arguments over several lines.
 */
public final class SettingFailures {

	private SettingFailures() {
	}

	/** The refused settings of a failed validation in the cause chain, or null when the failure is not one. */
	public static @Nullable String describe(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof BindValidationException invalid) {
				return describe(invalid);
			}
		}
		return null;
	}

	private static String describe(BindValidationException invalid) {
		ConfigurationPropertyName group = invalid.getValidationErrors().getName();
		List<String> refused = new ArrayList<>();
		for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
			if (error instanceof FieldError field) {
				ConfigurationPropertyName name = group.append(DataObjectPropertyName.toDashedForm(field.getField()));
				ConfigurationProperty bound = bound(invalid, name);
				Object given = bound != null ? bound.getValue()
						: field.getRejectedValue() instanceof java.time.Duration duration ? Durations.text(duration)
						: field.getRejectedValue();
				refused.add((bound != null ? bound.getName() : name) + " " + field.getDefaultMessage() + " (got " + given
						+ ")");
			}
			else {
				refused.add(group + " " + error.getDefaultMessage());
			}
		}
		return String.join("; ", refused);
	}

	/** The property as it was given (a map key written {@code .acme}, not {@code [acme]}), or null. */
	private static @Nullable ConfigurationProperty bound(BindValidationException invalid, ConfigurationPropertyName name) {
		for (ConfigurationProperty property : invalid.getValidationErrors().getBoundProperties()) {
			if (property.getName().equals(name)) {
				return property;
			}
		}
		return null;
	}
}
