/**
 * Protocols spoken over a connection's WebSocket: Socket.IO, STOMP and GraphQL over WebSocket, and
 * their settings. See {@code docs/protocols.md}.
 */
package dev.wsmon.core.protocol;
