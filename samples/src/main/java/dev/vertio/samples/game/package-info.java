/** The multiplayer game sample: server-side state at a fixed tick rate, volatile updates. */
package dev.vertio.samples.game;
