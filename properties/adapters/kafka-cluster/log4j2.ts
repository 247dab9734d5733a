// The log4j2 configuration every node starts with: Kafka's INFO log to DIR/node-N/logs/server.log
// (the node's stdout and stderr go to console.log beside it), so a failed start can be explained.
export const LOG4J2_PROPERTIES = `status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = \${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;
