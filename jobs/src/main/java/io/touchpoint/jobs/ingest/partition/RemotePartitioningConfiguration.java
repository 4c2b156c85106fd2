package io.touchpoint.jobs.ingest.partition;

import jakarta.jms.ConnectionFactory;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;

import io.touchpoint.jobs.config.Broker;
import io.touchpoint.jobs.ingest.partition.PartitionedNormalizeConfiguration.NormalizePartitions;

/**
 * Remote partitioning of normalize ({@code touchpoint.workers.remote=true}) with Spring Batch Integration over
 * Spring Integration's JMS adapters: the night's manager step sends one {@link StepExecutionRequest} per partition
 * through {@code normalizePartitionRequests} to the broker queue ({@link RemotePartitionHandler}), and
 * {@code touchpoint worker} processes take them from it ({@link PartitionWorker}). Requests are taken with
 * automatic acknowledgement, once: a worker that dies leaves its partition STARTED in the metadata database, to be
 * reported by the night's timeout and sent again by {@code touchpoint restart}, never run twice at once by the
 * broker redelivering it. Everything here is made on first use: a command that neither sends nor takes partitions
 * connects to no broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("touchpoint.workers.remote")
@EnableIntegration
public class RemotePartitioningConfiguration {

	/** The listener's bean name: the worker starts it. */
	static final String LISTENER = "normalizePartitionListener";

	@Bean
	ConnectionFactory normalizePartitionBroker(Broker broker) {
		return BrokerConnections.of(broker);
	}

	@Bean
	DirectChannel normalizePartitionRequests() {
		return new DirectChannel();
	}

	/** Partition requests from the manager step to the broker queue. */
	@Bean
	IntegrationFlow normalizePartitionSender(DirectChannel normalizePartitionRequests,
			ConnectionFactory normalizePartitionBroker, WorkerProperties workers) {
		return IntegrationFlow.from(normalizePartitionRequests)
			.handle(Jms.outboundAdapter(normalizePartitionBroker).destination(workers.queue()))
			.get();
	}

	@Bean
	PartitionWorker partitionWorker(JobRepository jobRepository, BeanFactory beans, NormalizePartitions partitions,
			ObjectProvider<IntegrationFlow> flows) {
		return new PartitionWorker(jobRepository, () -> {
			beans.getBean("normalizeStep", Step.class); // builds the partitions' step too
			return partitions.workerStep();
		}, () -> {
			started(beans.getBean("normalizePartitionReceiver", IntegrationFlow.class));
			return beans.getBean(LISTENER, SmartLifecycle.class);
		});
	}

	/** The manager's handler: sends through {@code normalizePartitionRequests}, made on its first partition. */
	@Bean
	RemotePartitions remotePartitions(JobRepository jobRepository, WorkerProperties workers, BeanFactory beans) {
		return partitions -> new RemotePartitionHandler(jobRepository, workers, partitions, () -> {
			started(beans.getBean("normalizePartitionSender", IntegrationFlow.class));
			return beans.getBean("normalizePartitionRequests", DirectChannel.class);
		});
	}

	/**
	 * The broker listener, in {@code touchpoint worker} only ({@code touchpoint.workers.listen}, which that command
	 * sets): the process that runs a night sends partitions and never takes them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("touchpoint.workers.listen")
	static class Listener {

		/** Partition requests from the broker queue to this process's worker, when {@code touchpoint worker} starts it. */
		@Bean
		IntegrationFlow normalizePartitionReceiver(ConnectionFactory normalizePartitionBroker, WorkerProperties workers,
				ObjectProvider<PartitionWorker> worker) {
			return IntegrationFlow
				.from(Jms.messageDrivenChannelAdapter(normalizePartitionBroker)
					.destination(workers.queue())
					.configureListenerContainer(container -> container.concurrentConsumers(workers.concurrency())
						.sessionTransacted(false)
						.sessionAcknowledgeMode(jakarta.jms.Session.AUTO_ACKNOWLEDGE))
					.id(LISTENER))
				.handle(StepExecutionRequest.class, (request, headers) -> {
					worker.getObject().handle(request);
					return null;
				})
				.get();
		}
	}

	/** Starts a flow made on first use, after the context started (the broker listener stays stopped). */
	private static void started(IntegrationFlow flow) {
		if (flow instanceof SmartLifecycle lifecycle && !lifecycle.isRunning()) {
			lifecycle.start();
		}
	}

	/** Makes the manager step's partition handler. */
	@FunctionalInterface
	public interface RemotePartitions {

		PartitionHandler handler(int partitions);
	}
}
