/** JMH microbenchmarks of the hot paths: codecs and broadcast fan-out. */
package dev.vertio.bench.jmh;
