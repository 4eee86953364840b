// Unit tests run in Node: give them IndexedDB and WebCrypto like the browser has.
import 'fake-indexeddb/auto';
