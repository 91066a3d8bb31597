import { FormParseError, parseForm } from '../src/form.js';

describe('parseForm', () => {
  it('nests bracketed keys the way the Stripe SDK encodes them', () => {
    const encoded = [
      'type=express',
      'controller[stripe_dashboard][type]=express',
      'controller[fees][payer]=application',
      'capabilities[transfers][requested]=true',
      'expand[0]=requirements',
      'expand[1]=settings.dashboard',
      'metadata[note]=caf%C3%A9%20%26%20co',
    ].join('&');
    expect(parseForm(encoded)).toEqual({
      type: 'express',
      controller: { stripe_dashboard: { type: 'express' }, fees: { payer: 'application' } },
      capabilities: { transfers: { requested: 'true' } },
      expand: ['requirements', 'settings.dashboard'],
      metadata: { note: 'café & co' },
    });
  });

  it('accepts percent-encoded brackets, + for spaces, empty values and bare keys', () => {
    expect(parseForm('metadata%5Bname%5D=Ada+Lovelace&email=&flag')).toEqual({
      metadata: { name: 'Ada Lovelace' },
      email: '',
      flag: '',
    });
  });

  it('appends for [] and orders explicit indices', () => {
    expect(parseForm('items[]=a&items[]=b')).toEqual({ items: ['a', 'b'] });
    expect(parseForm('items[2]=c&items[0]=a')).toEqual({ items: ['a', 'c'] });
    expect(parseForm('lines[0][price]=p1&lines[0][quantity]=2&lines[1][price]=p2')).toEqual({
      lines: [{ price: 'p1', quantity: '2' }, { price: 'p2' }],
    });
  });

  it('keeps the last of repeated plain keys', () => {
    expect(parseForm('email=a@x.test&email=b@x.test')).toEqual({ email: 'b@x.test' });
  });

  it('treats names such as __proto__ as plain data', () => {
    const parsed = parseForm('metadata[__proto__]=x&constructor=y');
    expect(Object.getPrototypeOf(parsed.metadata)).toBe(Object.prototype);
    expect(Object.keys(parsed.metadata as object)).toEqual(['__proto__']);
    expect(parsed.constructor).toBe('y');
  });

  it('returns an empty object for an empty body', () => {
    expect(parseForm('')).toEqual({});
  });

  it.each([
    ['a value and a hash under one name', 'metadata=x&metadata[a]=y'],
    ['a hash and then a value under one name', 'metadata[a]=y&metadata=x'],
    ['array indices mixed with hash keys', 'expand[0]=a&expand[key]=b'],
    ['unbalanced brackets', 'metadata[a=1'],
    ['a name made only of brackets', '[a]=1'],
    ['broken percent-encoding', 'email=%E0%A4%A'],
  ])('rejects %s', (_name, encoded) => {
    expect(() => parseForm(encoded)).toThrow(FormParseError);
  });
});
