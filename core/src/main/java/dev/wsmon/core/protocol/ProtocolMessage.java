package dev.wsmon.core.protocol;

/**
 * A received application message of a protocol, on its channel: a Socket.IO event (channel: the
 * event name, payload: its first argument as JSON), a STOMP MESSAGE (channel: the destination,
 * payload: the body) or a graphql-ws {@code next} of a subscription made through {@link
 * ProtocolChannel} (channel: its name, payload: the {@code payload} object as JSON).
 *
 * @param channel the event, destination or subscription name
 * @param payload the application data, or null when the message carries none
 */
public record ProtocolMessage(String channel, String payload) {}
