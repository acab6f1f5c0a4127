/** A minimal event emitter: on / once / off / emit, listeners called in registration order. */
export class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  on(event, fn) {
    if (!this._listeners.has(event)) this._listeners.set(event, []);
    this._listeners.get(event).push(fn);
    return this;
  }

  once(event, fn) {
    const wrapper = (...args) => {
      this.off(event, wrapper);
      fn.apply(this, args);
    };
    wrapper.fn = fn;
    return this.on(event, wrapper);
  }

  off(event, fn) {
    if (event === undefined) {
      this._listeners.clear();
      return this;
    }
    if (fn === undefined) {
      this._listeners.delete(event);
      return this;
    }
    const list = this._listeners.get(event);
    if (list) {
      const i = list.findIndex((l) => l === fn || l.fn === fn);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this._listeners.delete(event);
    }
    return this;
  }

  /** Emits to the listeners of an event; returns true when there were any. */
  emitReserved(event, ...args) {
    const list = this._listeners.get(event);
    if (!list) return false;
    for (const fn of list.slice()) fn.apply(this, args);
    return true;
  }

  listeners(event) {
    return (this._listeners.get(event) || []).slice();
  }

  hasListeners(event) {
    return (this._listeners.get(event) || []).length > 0;
  }
}
