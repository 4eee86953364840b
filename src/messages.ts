/**
 * The typed protocol between the worker, our pages (popup, options, in-page frames) and the content scripts.
 * Each request kind has a body schema (checked by the router before any handler runs) and a result type.
 * Content scripts import only types from here, so none of this code reaches web pages.
 */
import * as v from 'valibot';
import type { ErrorCode } from './errors';

/** What the popup needs to choose its first screen. */
export interface PopupState {
  /** No server has been added yet. */
  configured: boolean;
  /** Servers exist but the keyring is locked. */
  locked: boolean;
}

/** The role a detected field plays in a login form. */
export type FieldRole = 'username' | 'password' | 'new-password' | 'otp';

/** From our pages (popup, options, in-page frames): extension origin only. */
export interface PageRequests {
  getPopupState(body: Record<string, never>): PopupState;
}

/** From content scripts: needs `sender.tab`; answers only about the sending frame. */
export interface ContentRequests {
  /** "A login form is in this frame", with the roles of the fields found. The frame's URL comes from the sender. */
  loginFormDetected(body: { roles: FieldRole[] }): { matches: number };
}

type Requests = PageRequests & ContentRequests;
export type Kind = keyof Requests;
export type Body<K extends Kind> = Parameters<Requests[K]>[0];
export type Result<K extends Kind> = ReturnType<Requests[K]>;
export type Request<K extends Kind = Kind> = { kind: K; body: Body<K> };
export type Reply<K extends Kind> = { ok: true; value: Result<K> } | { ok: false; code: ErrorCode; message: string };

const empty = v.strictObject({});
const role = v.picklist(['username', 'password', 'new-password', 'otp']);

/** Body schemas, one per kind: a missing one is a compile error. */
export const bodySchemas: { [K in Kind]: v.GenericSchema<unknown, Body<K>> } = {
  getPopupState: empty as v.GenericSchema<unknown, Record<string, never>>,
  loginFormDetected: v.strictObject({ roles: v.pipe(v.array(role), v.maxLength(16)) }),
};

/** Which kinds come from content scripts; every other kind is for our own pages only. */
export const contentKinds: ReadonlySet<Kind> = new Set<keyof ContentRequests>(['loginFormDetected']);
