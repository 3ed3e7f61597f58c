/** Application permissions per kind of call (each API's permissions table / operations.json). */
export const DIRECTORY_ROLES = {
  userRead: [
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  userWrite: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  userDelete: ['User.ReadWrite.All'],
  licenseWrite: [
    'LicenseAssignment.ReadWrite.All',
    'User.ReadWrite.All',
    'Directory.ReadWrite.All',
  ],
  skuRead: [
    'LicenseAssignment.Read.All',
    'LicenseAssignment.ReadWrite.All',
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  groupRead: [
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  groupCreate: ['Group.Create', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  groupWrite: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  memberRead: [
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  memberWrite: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
} as const;
