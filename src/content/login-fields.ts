/** The frame's login fields with their real roles: the host's classification (the detector takes a rough look). */
import { classifyFields } from './classify-fields';
import { findLoginFields, type LoginField } from './find-login-fields';

export const loginFields = (): LoginField[] => findLoginFields(document, () => undefined, classifyFields);
