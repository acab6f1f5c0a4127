/** The echo sample: the smallest server. */
package dev.vertio.samples.echo;
