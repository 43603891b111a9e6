import type { NotificationCentre } from '../../services/notifications/notification-centre.js';
import type { HandlersOf } from './handlers-of.js';

export interface NotificationHandlerDeps {
  notifications: NotificationCentre;
}

/** The notification centre: finished runs' history, unread count, mark read, clear, mute a rule. */
export function notificationHandlers({ notifications }: NotificationHandlerDeps): HandlersOf<'notifications'> {
  return {
    'notifications:list': () => notifications.list(),
    'notifications:markRead': ({ ids }) => notifications.markRead(ids),
    'notifications:clear': () => notifications.clear(),
    'notifications:mute': (input) => notifications.mute(input),
  };
}
