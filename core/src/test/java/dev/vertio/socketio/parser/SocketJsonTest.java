package dev.vertio.socketio.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The JSON codec's Jackson factory is shared, not built per connection. */
class SocketJsonTest {

  @Test
  void instancesWithTheSameDepthShareOneFactory() {
    // One SocketJson per connection's decoder: each used to build its own factory (2-3 KB).
    assertSame(new SocketJson(64).factory(), new SocketJson(64).factory());
    assertSame(
        new SocketJson(SocketPacketDecoder.DEFAULT_MAX_DEPTH).factory(),
        new SocketJson(SocketPacketDecoder.DEFAULT_MAX_DEPTH).factory());
  }

  @Test
  void eachDepthKeepsItsOwnLimit() {
    SocketJson shallow = new SocketJson(3);
    SocketJson deep = new SocketJson(64);
    assertNotSame(shallow.factory(), deep.factory());
    assertEquals(3, shallow.factory().streamReadConstraints().getMaxNestingDepth());
    assertEquals(64, deep.factory().streamReadConstraints().getMaxNestingDepth());
    assertEquals(400, deep.factory().streamReadConstraints().getMaxNumberLength());
    assertEquals(
        new JsonArray().add(new JsonArray().add(new JsonArray().add(1))),
        shallow.read("[[[1]]]", 0));
    assertThrows(SocketParseException.class, () -> shallow.read("[[[[1]]]]", 0));
    assertEquals(
        new JsonArray().add(new JsonArray().add(new JsonArray().add(new JsonArray().add(1)))),
        deep.read("[[[[1]]]]", 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            shallow.write(
                new JsonArray()
                    .add(
                        new JsonArray()
                            .add(new JsonArray().add(new JsonArray().add(new JsonArray())))),
                new ArrayList<>()));
  }
}
