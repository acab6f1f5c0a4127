/**
 * The chat sample: a web page, login with a signed token, rooms, typing indicators, metrics,
 * health, Admin UI, TLS and drain.
 */
package dev.vertio.samples.chat;
