/**
 * Runnable samples (one jar, one command each): chat, game, bot, echo; their strict command lines.
 */
package dev.vertio.samples;
