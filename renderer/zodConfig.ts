import { z } from 'zod';

// The window runs under a strict Content-Security-Policy (no eval). Zod's JIT probes `new Function`, which a
// CSP reports as a violation even though zod catches it; jitless mode skips the probe.
z.config({ jitless: true });
