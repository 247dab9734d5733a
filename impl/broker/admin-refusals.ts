// Every admin request the broker refuses gets a log line (issue 23 part 5): CreateTopics,
// CreatePartitions and DeleteTopics per topic with the error and its message, InitProducerId as a
// whole. Answers are unchanged; Kafka's controller logs the results of these requests the same way
// (ControllerApis, at info), so an operator can see why a client's topic was not created.
import { errorByCode } from '../../spec/errors.ts';
import type { BrokerHandler, RequestContext } from '../server/handler.ts';
import type { Logger } from '../server/logger.ts';

function logRefusal(
  logger: Logger,
  api: string,
  context: RequestContext,
  topic: string | null,
  errorCode: number,
  message: string | null | undefined,
): void {
  if (errorCode === 0) return;
  const name = errorByCode(errorCode)?.name ?? `error ${errorCode}`;
  const what = topic === null ? api : `${api} of topic ${topic}`;
  logger.log('info', `refused ${what}: ${name}${message ? ` (${message})` : ''}`, {
    brokerId: context.brokerId,
    connectionId: context.connectionId,
    clientId: context.clientId ?? '',
  });
}

/** The handler with a log line for each refused admin request (or refused topic of one). */
export function loggingAdminRefusals(handler: BrokerHandler, logger: Logger): BrokerHandler {
  return {
    ...handler,
    async createTopics(request, context) {
      const response = await handler.createTopics(request, context);
      for (const topic of response.topics)
        logRefusal(logger, 'CreateTopics', context, topic.name, topic.errorCode, topic.errorMessage);
      return response;
    },
    async createPartitions(request, context) {
      const response = await handler.createPartitions(request, context);
      for (const result of response.results)
        logRefusal(logger, 'CreatePartitions', context, result.name, result.errorCode, result.errorMessage);
      return response;
    },
    async deleteTopics(request, context) {
      const response = await handler.deleteTopics(request, context);
      for (const result of response.responses)
        logRefusal(
          logger,
          'DeleteTopics',
          context,
          result.name ?? null,
          result.errorCode,
          result.errorMessage,
        );
      return response;
    },
    async initProducerId(request, context) {
      const response = await handler.initProducerId(request, context);
      logRefusal(logger, 'InitProducerId', context, null, response.errorCode, null);
      return response;
    },
  };
}
