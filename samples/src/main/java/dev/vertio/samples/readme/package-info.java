/**
 * The README's code examples, compiled (and run by tests), so the README cannot drift from the API.
 */
package dev.vertio.samples.readme;
