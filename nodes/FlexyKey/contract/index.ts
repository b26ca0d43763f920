/**
 * The FlexyKey answer readers, one file per resource (see lists.ts for how they read). This index is
 * the one import path for node code (`./contract`, `../contract`, `../../contract`): a reader moves
 * between files without its users changing.
 */
export * from './lists';
export * from './units';
export * from './unit-info';
export * from './settings';
export * from './sync';
export * from './entries';
export * from './bookings';
export * from './webhooks';
export * from './control';
export * from './logs';
