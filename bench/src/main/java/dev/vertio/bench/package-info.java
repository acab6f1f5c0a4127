/**
 * The load bench: Vertio and the Node.js socket.io reference side by side in one run, as ratios
 * ({@code java -jar bench/target/vertio-bench.jar --help}).
 */
package dev.vertio.bench;
