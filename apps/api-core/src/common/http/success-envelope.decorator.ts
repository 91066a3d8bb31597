import type { SuccessEnvelope } from './envelope.js';

type Handler = (...args: unknown[]) => unknown;

/**
 * The route answers `{ success: true, data }` around what its handler returns. The handler itself is wrapped,
 * keeping the metadata other decorators put on it: Nest runs no interceptor pipeline (rxjs) for a route without
 * interceptors, which a global envelope interceptor would add to every request (measured in bench/RESULTS.md).
 */
export function InSuccessEnvelope(): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as Handler;
    const enveloped = async function (this: unknown, ...args: unknown[]): Promise<SuccessEnvelope<unknown>> {
      return { success: true, data: await handler.apply(this, args) };
    };
    for (const key of Reflect.getOwnMetadataKeys(handler)) {
      Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, handler), enveloped);
    }
    Object.defineProperty(enveloped, 'name', { value: handler.name });
    (descriptor as PropertyDescriptor).value = enveloped;
  };
}
