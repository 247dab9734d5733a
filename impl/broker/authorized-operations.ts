// The `authorizedOperations` bit fields (Metadata v8+, DescribeGroups v3+) when a client asks for
// them. kspec has no authorizer, and Kafka without one grants every operation a resource type
// supports (AuthHelper.authorizedOperations with no authorizer: AclEntry.supportedOperations),
// one bit per AclOperation code. The values are Kafka 4.4's, computed from its own classes:
//   TOPIC   READ WRITE CREATE DELETE ALTER DESCRIBE DESCRIBE_CONFIGS ALTER_CONFIGS = 3576
//   GROUP   READ DELETE DESCRIBE DESCRIBE_CONFIGS ALTER_CONFIGS                  = 3400
//   CLUSTER CREATE ALTER DESCRIBE CLUSTER_ACTION DESCRIBE_CONFIGS ALTER_CONFIGS
//           IDEMPOTENT_WRITE                                                     = 8096
// Not asked for, the field is Integer.MIN_VALUE (the schemas' default).
import { AUTHORIZED_OPERATIONS_OMITTED } from '../protocol/apis/15-describe-groups.ts';

const SUPPORTED = { topic: 3576, group: 3400, cluster: 8096 } as const;

export function authorizedOperations(resource: keyof typeof SUPPORTED, requested: boolean): number {
  return requested ? SUPPORTED[resource] : AUTHORIZED_OPERATIONS_OMITTED;
}
