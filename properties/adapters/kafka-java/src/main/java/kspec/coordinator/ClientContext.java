package kspec.coordinator;

import java.net.InetAddress;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/** The request context a broker hands the coordinator: the client id is the run's client name. */
record ClientContext(String clientId, int requestType, int requestVersion) implements AuthorizableRequestContext {
  static final int OFFSET_COMMIT = 8;
  static final int OFFSET_FETCH = 9;
  static final int JOIN_GROUP = 11;
  static final int HEARTBEAT = 12;
  static final int LEAVE_GROUP = 13;
  static final int SYNC_GROUP = 14;
  static final int DESCRIBE_GROUPS = 15;
  static final int DELETE_GROUPS = 42;
  static final int OFFSET_DELETE = 47;

  @Override
  public String listenerName() {
    return "PLAINTEXT";
  }

  @Override
  public SecurityProtocol securityProtocol() {
    return SecurityProtocol.PLAINTEXT;
  }

  @Override
  public KafkaPrincipal principal() {
    return KafkaPrincipal.ANONYMOUS;
  }

  @Override
  public InetAddress clientAddress() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public int correlationId() {
    return 0;
  }
}
