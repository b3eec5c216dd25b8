package dev.mvs.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import reactor.core.publisher.Mono;

/**
 * Wraps the SDK's stdio transport provider to learn when the client's session ends: the provider has no
 * callback for it, and the session closes its transport both at the end of input and on a line that is
 * not JSON (where waiting for end of input alone would hang).
 */
final class SessionEndSignal implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;
    private final CountDownLatch ended = new CountDownLatch(1);

    SessionEndSignal(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    /** Blocks until the session's transport is closed. */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Signalling(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    private final class Signalling implements McpServerTransport {
        private final McpServerTransport transport;

        Signalling(McpServerTransport transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return transport.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return transport.unmarshalFrom(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully().doFinally(s -> ended.countDown());
        }

        @Override
        public void close() {
            try {
                transport.close();
            } finally {
                ended.countDown();
            }
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
