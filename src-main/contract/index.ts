export * from './result.js';
export * from './profiles.js';
export * from './app.js';
export * from './tccli.js';
export * from './channels.js';
export * from './names.js';
export * from './cloud.js';
export * from './rules.js';
