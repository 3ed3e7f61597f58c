// The alerts module: the kinds of alert, how findings become alerts, and the outbox's owner.
export * from './alert-kinds';
export * from './raise-alerts';
export * from './alerts';
