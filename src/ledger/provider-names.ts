/** The MDMs' names as admins know them, for messages. */
export const PROVIDER_NAMES = { intune: 'Microsoft Intune', jamf: 'Jamf Pro' } as const;
