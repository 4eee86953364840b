/**
 * Generation into a page field, wherever it starts (context menu, inline menu, popup). The worker cannot see the
 * field, so it sends a one-time nonce to one frame; that frame answers with `generateForField` and the field's
 * constraints, and gets the password back (`sender` names the frame, never the page). The value is kept per tab
 * and origin in session memory for the save step.
 */
import browser from '../../browser';
import type { Runtime } from 'webextension-polyfill';
import type { FieldConstraints, GeneratorProfile, ToContent } from '../../messages';
import { frameOf } from '../autofill/fill-rules';
import { generateFor } from './generate-for';
import * as records from '../save/records';

export interface GenerationTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
}

/** The key of the remembered generated password: tab and origin of the frame it went to. */
export const generatedKey = (tabId: number, url: string) => `${tabId}|${new URL(url).origin}`;

/** Starts a generation in one frame; resolves true when the frame filled its field. */
export async function startGeneration(target: GenerationTarget, profile: GeneratorProfile): Promise<boolean> {
  const nonce = crypto.randomUUID();
  await records.put('nonce', nonce, { tabId: target.tabId, frameId: target.frameId, profile });
  const message: ToContent = { t: 'gen', nonce };
  const options = { frameId: target.frameId, ...(target.documentId ? { documentId: target.documentId } : {}) };
  try {
    return (await browser.tabs.sendMessage(target.tabId, message, options)) === true;
  } catch {
    await records.take('nonce', nonce); // no content script there (e.g. a browser page): nothing to fill
    return false;
  }
}

/** The frame's answer: only the frame the nonce was sent to gets a password. */
export async function generateForFrame(
  nonce: string,
  constraints: FieldConstraints,
  sender: Runtime.MessageSender,
): Promise<{ password: string } | null> {
  const frame = frameOf(sender);
  const job = await records.take('nonce', nonce);
  if (!job || job.tabId !== frame.tabId || job.frameId !== frame.frameId) return null;
  const { password } = await generateFor(job.profile, constraints);
  await records.put('generated', generatedKey(frame.tabId, frame.url), { password });
  return { password };
}
