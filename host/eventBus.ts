import type { EventName, EventPayload } from '../contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fans host events out to every connected client (each transport subscribes once). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // One broken client connection must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
