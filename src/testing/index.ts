export { TestingTransport } from './testing-transport';
export { TestRequest } from './test-request';
export type { TestResponse } from './test-response';
export { MemoryStore, memoryStore } from '../cache/memory-store';
