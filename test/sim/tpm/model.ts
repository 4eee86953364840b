/** The simulator's data model: users, groups, projects, passwords, personal passwords. Plain records. */

export type SimRole = 'Admin' | 'Project manager' | 'Normal user' | 'Read only' | 'IT';

export interface SimUser {
  id: number;
  username: string;
  name: string;
  email: string;
  role: SimRole;
  /** For HTTP Basic. */
  password: string;
  /** For HMAC. */
  publicKey: string;
  privateKey: string;
  groupIds: number[];
  createdOn: string;
  lastLogin: string;
}

export interface SimGroup {
  id: number;
  name: string;
  createdOn: string;
}

/** Project permission ids as TPM uses them: -1 not set, 0 none, 10 traverse, 20 read, 30 create, 40 edit, 50 manage pwds, 60 manage. */
export type SimProjectPerm = -1 | 0 | 10 | 20 | 30 | 40 | 50 | 60;

export interface SimProject {
  id: number;
  /** 0 = root. */
  parentId: number;
  name: string;
  tags: string;
  notes: string;
  archived: boolean;
  managedBy: number;
  createdBy: number;
  updatedBy: number;
  createdOn: string;
  updatedOn: string;
  userPerms: Map<number, SimProjectPerm>;
  groupPerms: Map<number, SimProjectPerm>;
  favoriteOf: Set<number>;
}

export interface SimCustomField {
  /** The API type label: "Text", "Encrypted text", "Password", "E-mail", "Notes", "Encrypted notes", "One Time Password", "Date". */
  type: string;
  label: string;
  /** For "One Time Password": the base32 seed (the API returns the current code instead). */
  data: string;
}

export interface SimPassword {
  id: number;
  projectId: number;
  name: string;
  tags: string;
  accessInfo: string;
  username: string;
  email: string;
  password: string;
  notes: string;
  expiryDate: string | null;
  /** Index 0 = custom_field1. */
  custom: (SimCustomField | null)[];
  archived: boolean;
  /** 0 not locked, 1 reason required, 2 permission required. */
  lockingType: 0 | 1 | 2;
  favoriteOf: Set<number>;
  /** Users allowed to open a type-2 locked password. */
  unlockGrantedTo: Set<number>;
  managedBy: number;
  createdBy: number;
  updatedBy: number;
  createdOn: string;
  updatedOn: string;
  externalSharing: boolean;
  numFiles: number;
}

export interface SimMyPassword {
  id: number;
  ownerId: number;
  name: string;
  tags: string;
  accessInfo: string;
  username: string;
  email: string;
  password: string;
  notes: string;
  createdOn: string;
  updatedOn: string;
}

/** Ids of the hand-made entries every seed contains, so tests and demos can find them. */
export interface SimDemoIds {
  /** A project where the normal user can edit and the read-only user can read. */
  sharedProjectId: number;
  lockedReasonId: number;
  lockedPermissionId: number;
  otpId: number;
  /** The OTP entry's base32 seed (to check the code the simulator returns). */
  otpSecret: string;
  encryptedId: number;
  archivedId: number;
  multiUrlId: number;
  /** A personal password of the admin. */
  myPasswordId: number;
}

/** Everything the simulator serves. */
export interface SimData {
  users: SimUser[];
  groups: SimGroup[];
  projects: SimProject[];
  passwords: SimPassword[];
  myPasswords: SimMyPassword[];
  demo: SimDemoIds;
}
