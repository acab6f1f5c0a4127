/** The Java client sample: a bot that joins the chat and answers. */
package dev.vertio.samples.bot;
