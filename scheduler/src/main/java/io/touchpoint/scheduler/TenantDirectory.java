package io.touchpoint.scheduler;

import java.util.List;

/** The active tenants, asked at each fire time of a schedule that runs all of them. */
@FunctionalInterface
public interface TenantDirectory {

	List<String> activeTenants();
}
