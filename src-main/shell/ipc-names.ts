// The two Electron IPC channel names, shared by the preload and the main-side transport.
// Every contract channel travels over INVOKE; every contract event over EVENT.
export const IPC_INVOKE = 'tcr:invoke';
export const IPC_EVENT = 'tcr:event';
