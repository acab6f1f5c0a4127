/**
 * The transport SPI: what a transport module ({@code transport-websocket}, {@code transport-
 * longpoll}) implements and what the engine gives it. A transport only moves encoded packets and
 * reports close and error.
 */
package dev.vertio.engineio.spi;
