import type { RegistrationView } from '../../api/schemas.js';

/**
 * A registration as GET /v1/births/{registrationId} answers a hospital or a registrar: the API's own
 * response type (api/schemas.ts), so a test reads the fields the API really has.
 */
export type Birth = RegistrationView;
