package io.touchpoint.jobs.logging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Puts the run on every log line a job writes: the MDC keys {@value #TENANT} (the {@code tenant} job parameter),
 * {@value #JOB} (the job's name), {@value #EXECUTION} (the job execution's id) and {@value #STEP} (the step's
 * name), set in the thread that runs the job when it and each step start, and removed when they end. A scheduler
 * node runs several tenants at once, each in a thread of its own: each line names its run. The file log shows
 * them as {@code [tenant=... job=... execution=... step=...]}; the JSON console format
 * ({@code logging.structured.format.console}) carries them as fields. Threads a step starts itself copy them
 * (see {@link #copyInto}).
 * <p>
 * Registered, as a bean post-processor, on every {@link org.springframework.batch.core.job.Job} bean, on the steps it lists, and on every
 * {@link Step} bean, so that a job or step defined anywhere gets it without naming it.
 */
@Component
public final class JobLogContext implements BeanPostProcessor {

	public static final String TENANT = "tenant";

	public static final String JOB = "job";

	public static final String EXECUTION = "execution";

	public static final String STEP = "step";

	private final Set<Object> registered = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	private final Listener listener = new Listener();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractJob job && registered.add(job)) {
			job.registerJobExecutionListener(listener);
		}
		if (bean instanceof ListableStepLocator steps) {
			for (String name : steps.getStepNames()) {
				register(steps.getStep(name));
			}
		}
		if (bean instanceof Step step) {
			register(step);
		}
		return bean;
	}

	private void register(Step step) {
		if (step instanceof AbstractStep abstractStep && registered.add(abstractStep)) {
			abstractStep.registerStepExecutionListener(listener);
		}
	}

	/** A task that runs with the MDC of the thread that created it (a step's own worker threads). */
	public static Runnable copyInto(Runnable task) {
		var context = MDC.getCopyOfContextMap();
		if (context == null) {
			return task;
		}
		return () -> {
			MDC.setContextMap(context);
			try {
				task.run();
			}
			finally {
				MDC.clear();
			}
		};
	}

	private static void putJob(JobExecution execution) {
		String tenant = execution.getJobParameters().getString(TENANT);
		if (tenant != null) {
			MDC.put(TENANT, tenant);
		}
		MDC.put(JOB, execution.getJobInstance().getJobName());
		MDC.put(EXECUTION, Long.toString(execution.getId()));
	}

	private static final class Listener implements JobExecutionListener, StepExecutionListener {

		@Override
		public void beforeJob(JobExecution execution) {
			putJob(execution);
		}

		@Override
		public void afterJob(JobExecution execution) {
			MDC.remove(TENANT);
			MDC.remove(JOB);
			MDC.remove(EXECUTION);
			MDC.remove(STEP);
		}

		@Override
		public void beforeStep(StepExecution execution) {
			// also here: a step may run in another thread than its job
			putJob(execution.getJobExecution());
			MDC.put(STEP, execution.getStepName());
		}

		@Override
		public @Nullable ExitStatus afterStep(StepExecution execution) {
			MDC.remove(STEP);
			return null;
		}
	}
}
