/**
 * The PKCS#12 KDF's SHA-1 re-hash (./pkcs12Kdf.ts) as a WebAssembly function, for a process's
 * first PFX. A Windows "TripleDES-SHA1" PFX needs ~14,000 SHA-1 re-hashes. In a fresh process
 * crypto.hash costs over 2 µs per call, and the JavaScript kernels are interpreted (~9 µs) until
 * TurboFan has compiled them, tens of milliseconds later; WebAssembly is compiled by V8 before it
 * runs (Liftoff, then TurboFan in the background while it runs, which calls in short chunks pick
 * up), so the first PFX of a process no longer pays for the warm-up.
 *
 * The module (4.4 KB) is made by ./sha1WasmAssembler.ts; SHA1_WASM is its output in base64, so
 * that nothing is assembled at run time.
 */

import { port } from '#port';

/** sha1WasmModule() of ./sha1WasmAssembler.ts, in base64 (test/pkcs12-kdf-wasm.test.ts checks it). */
export const SHA1_WASM =
  'AGFzbQEAAAABBQFgAX8AAwIBAAUDAQABBw0CA3J1bgAAA21lbQIACvEhAe4hARp/QQAoAgAhAUEAKAIEIQJBACgCCCEDQQAoAgwhBEEAKAIQIQUDQCABIQsgAiEMIAMhDSAEIQ4gBSEPQYCAgIB4IRBBACERQQAhEkEAIRNBACEUQQAhFUEAIRZBACEXQQAhGEEAIRlBoAEhGkGBxpS6BiEGQYnXtv5+IQdB/rnrxXkhCEH2qMmBASEJQfDDy558IQogBkEFdyAJIAcgCCAJc3FzaiAKakGZ84nUBWogC2ohCiAHQR53IQcgCkEFdyAIIAYgByAIc3FzaiAJakGZ84nUBWogDGohCSAGQR53IQYgCUEFdyAHIAogBiAHc3FzaiAIakGZ84nUBWogDWohCCAKQR53IQogCEEFdyAGIAkgCiAGc3FzaiAHakGZ84nUBWogDmohByAJQR53IQkgB0EFdyAKIAggCSAKc3FzaiAGakGZ84nUBWogD2ohBiAIQR53IQggBkEFdyAJIAcgCCAJc3FzaiAKakGZ84nUBWogEGohCiAHQR53IQcgCkEFdyAIIAYgByAIc3FzaiAJakGZ84nUBWogEWohCSAGQR53IQYgCUEFdyAHIAogBiAHc3FzaiAIakGZ84nUBWogEmohCCAKQR53IQogCEEFdyAGIAkgCiAGc3FzaiAHakGZ84nUBWogE2ohByAJQR53IQkgB0EFdyAKIAggCSAKc3FzaiAGakGZ84nUBWogFGohBiAIQR53IQggBkEFdyAJIAcgCCAJc3FzaiAKakGZ84nUBWogFWohCiAHQR53IQcgCkEFdyAIIAYgByAIc3FzaiAJakGZ84nUBWogFmohCSAGQR53IQYgCUEFdyAHIAogBiAHc3FzaiAIakGZ84nUBWogF2ohCCAKQR53IQogCEEFdyAGIAkgCiAGc3FzaiAHakGZ84nUBWogGGohByAJQR53IQkgB0EFdyAKIAggCSAKc3FzaiAGakGZ84nUBWogGWohBiAIQR53IQggBkEFdyAJIAcgCCAJc3FzaiAKakGZ84nUBWogGmohCiAHQR53IQcgGCATcyANcyALc0EBdyELIApBBXcgCCAGIAcgCHNxc2ogCWpBmfOJ1AVqIAtqIQkgBkEedyEGIBkgFHMgDnMgDHNBAXchDCAJQQV3IAcgCiAGIAdzcXNqIAhqQZnzidQFaiAMaiEIIApBHnchCiAaIBVzIA9zIA1zQQF3IQ0gCEEFdyAGIAkgCiAGc3FzaiAHakGZ84nUBWogDWohByAJQR53IQkgCyAWcyAQcyAOc0EBdyEOIAdBBXcgCiAIIAkgCnNxc2ogBmpBmfOJ1AVqIA5qIQYgCEEedyEIIAwgF3MgEXMgD3NBAXchDyAGQQV3IAcgCHMgCXNqIApqQaHX5/YGaiAPaiEKIAdBHnchByANIBhzIBJzIBBzQQF3IRAgCkEFdyAGIAdzIAhzaiAJakGh1+f2BmogEGohCSAGQR53IQYgDiAZcyATcyARc0EBdyERIAlBBXcgCiAGcyAHc2ogCGpBodfn9gZqIBFqIQggCkEedyEKIA8gGnMgFHMgEnNBAXchEiAIQQV3IAkgCnMgBnNqIAdqQaHX5/YGaiASaiEHIAlBHnchCSAQIAtzIBVzIBNzQQF3IRMgB0EFdyAIIAlzIApzaiAGakGh1+f2BmogE2ohBiAIQR53IQggESAMcyAWcyAUc0EBdyEUIAZBBXcgByAIcyAJc2ogCmpBodfn9gZqIBRqIQogB0EedyEHIBIgDXMgF3MgFXNBAXchFSAKQQV3IAYgB3MgCHNqIAlqQaHX5/YGaiAVaiEJIAZBHnchBiATIA5zIBhzIBZzQQF3IRYgCUEFdyAKIAZzIAdzaiAIakGh1+f2BmogFmohCCAKQR53IQogFCAPcyAZcyAXc0EBdyEXIAhBBXcgCSAKcyAGc2ogB2pBodfn9gZqIBdqIQcgCUEedyEJIBUgEHMgGnMgGHNBAXchGCAHQQV3IAggCXMgCnNqIAZqQaHX5/YGaiAYaiEGIAhBHnchCCAWIBFzIAtzIBlzQQF3IRkgBkEFdyAHIAhzIAlzaiAKakGh1+f2BmogGWohCiAHQR53IQcgFyAScyAMcyAac0EBdyEaIApBBXcgBiAHcyAIc2ogCWpBodfn9gZqIBpqIQkgBkEedyEGIBggE3MgDXMgC3NBAXchCyAJQQV3IAogBnMgB3NqIAhqQaHX5/YGaiALaiEIIApBHnchCiAZIBRzIA5zIAxzQQF3IQwgCEEFdyAJIApzIAZzaiAHakGh1+f2BmogDGohByAJQR53IQkgGiAVcyAPcyANc0EBdyENIAdBBXcgCCAJcyAKc2ogBmpBodfn9gZqIA1qIQYgCEEedyEIIAsgFnMgEHMgDnNBAXchDiAGQQV3IAcgCHMgCXNqIApqQaHX5/YGaiAOaiEKIAdBHnchByAMIBdzIBFzIA9zQQF3IQ8gCkEFdyAGIAdzIAhzaiAJakGh1+f2BmogD2ohCSAGQR53IQYgDSAYcyAScyAQc0EBdyEQIAlBBXcgCiAGcyAHc2ogCGpBodfn9gZqIBBqIQggCkEedyEKIA4gGXMgE3MgEXNBAXchESAIQQV3IAkgCnMgBnNqIAdqQaHX5/YGaiARaiEHIAlBHnchCSAPIBpzIBRzIBJzQQF3IRIgB0EFdyAIIAlzIApzaiAGakGh1+f2BmogEmohBiAIQR53IQggECALcyAVcyATc0EBdyETIAZBBXcgByAIcSAJIAcgCHJxcmogCmpB3Pnu+HhqIBNqIQogB0EedyEHIBEgDHMgFnMgFHNBAXchFCAKQQV3IAYgB3EgCCAGIAdycXJqIAlqQdz57vh4aiAUaiEJIAZBHnchBiASIA1zIBdzIBVzQQF3IRUgCUEFdyAKIAZxIAcgCiAGcnFyaiAIakHc+e74eGogFWohCCAKQR53IQogEyAOcyAYcyAWc0EBdyEWIAhBBXcgCSAKcSAGIAkgCnJxcmogB2pB3Pnu+HhqIBZqIQcgCUEedyEJIBQgD3MgGXMgF3NBAXchFyAHQQV3IAggCXEgCiAIIAlycXJqIAZqQdz57vh4aiAXaiEGIAhBHnchCCAVIBBzIBpzIBhzQQF3IRggBkEFdyAHIAhxIAkgByAIcnFyaiAKakHc+e74eGogGGohCiAHQR53IQcgFiARcyALcyAZc0EBdyEZIApBBXcgBiAHcSAIIAYgB3JxcmogCWpB3Pnu+HhqIBlqIQkgBkEedyEGIBcgEnMgDHMgGnNBAXchGiAJQQV3IAogBnEgByAKIAZycXJqIAhqQdz57vh4aiAaaiEIIApBHnchCiAYIBNzIA1zIAtzQQF3IQsgCEEFdyAJIApxIAYgCSAKcnFyaiAHakHc+e74eGogC2ohByAJQR53IQkgGSAUcyAOcyAMc0EBdyEMIAdBBXcgCCAJcSAKIAggCXJxcmogBmpB3Pnu+HhqIAxqIQYgCEEedyEIIBogFXMgD3MgDXNBAXchDSAGQQV3IAcgCHEgCSAHIAhycXJqIApqQdz57vh4aiANaiEKIAdBHnchByALIBZzIBBzIA5zQQF3IQ4gCkEFdyAGIAdxIAggBiAHcnFyaiAJakHc+e74eGogDmohCSAGQR53IQYgDCAXcyARcyAPc0EBdyEPIAlBBXcgCiAGcSAHIAogBnJxcmogCGpB3Pnu+HhqIA9qIQggCkEedyEKIA0gGHMgEnMgEHNBAXchECAIQQV3IAkgCnEgBiAJIApycXJqIAdqQdz57vh4aiAQaiEHIAlBHnchCSAOIBlzIBNzIBFzQQF3IREgB0EFdyAIIAlxIAogCCAJcnFyaiAGakHc+e74eGogEWohBiAIQR53IQggDyAacyAUcyASc0EBdyESIAZBBXcgByAIcSAJIAcgCHJxcmogCmpB3Pnu+HhqIBJqIQogB0EedyEHIBAgC3MgFXMgE3NBAXchEyAKQQV3IAYgB3EgCCAGIAdycXJqIAlqQdz57vh4aiATaiEJIAZBHnchBiARIAxzIBZzIBRzQQF3IRQgCUEFdyAKIAZxIAcgCiAGcnFyaiAIakHc+e74eGogFGohCCAKQR53IQogEiANcyAXcyAVc0EBdyEVIAhBBXcgCSAKcSAGIAkgCnJxcmogB2pB3Pnu+HhqIBVqIQcgCUEedyEJIBMgDnMgGHMgFnNBAXchFiAHQQV3IAggCXEgCiAIIAlycXJqIAZqQdz57vh4aiAWaiEGIAhBHnchCCAUIA9zIBlzIBdzQQF3IRcgBkEFdyAHIAhzIAlzaiAKakHWg4vTfGogF2ohCiAHQR53IQcgFSAQcyAacyAYc0EBdyEYIApBBXcgBiAHcyAIc2ogCWpB1oOL03xqIBhqIQkgBkEedyEGIBYgEXMgC3MgGXNBAXchGSAJQQV3IAogBnMgB3NqIAhqQdaDi9N8aiAZaiEIIApBHnchCiAXIBJzIAxzIBpzQQF3IRogCEEFdyAJIApzIAZzaiAHakHWg4vTfGogGmohByAJQR53IQkgGCATcyANcyALc0EBdyELIAdBBXcgCCAJcyAKc2ogBmpB1oOL03xqIAtqIQYgCEEedyEIIBkgFHMgDnMgDHNBAXchDCAGQQV3IAcgCHMgCXNqIApqQdaDi9N8aiAMaiEKIAdBHnchByAaIBVzIA9zIA1zQQF3IQ0gCkEFdyAGIAdzIAhzaiAJakHWg4vTfGogDWohCSAGQR53IQYgCyAWcyAQcyAOc0EBdyEOIAlBBXcgCiAGcyAHc2ogCGpB1oOL03xqIA5qIQggCkEedyEKIAwgF3MgEXMgD3NBAXchDyAIQQV3IAkgCnMgBnNqIAdqQdaDi9N8aiAPaiEHIAlBHnchCSANIBhzIBJzIBBzQQF3IRAgB0EFdyAIIAlzIApzaiAGakHWg4vTfGogEGohBiAIQR53IQggDiAZcyATcyARc0EBdyERIAZBBXcgByAIcyAJc2ogCmpB1oOL03xqIBFqIQogB0EedyEHIA8gGnMgFHMgEnNBAXchEiAKQQV3IAYgB3MgCHNqIAlqQdaDi9N8aiASaiEJIAZBHnchBiAQIAtzIBVzIBNzQQF3IRMgCUEFdyAKIAZzIAdzaiAIakHWg4vTfGogE2ohCCAKQR53IQogESAMcyAWcyAUc0EBdyEUIAhBBXcgCSAKcyAGc2ogB2pB1oOL03xqIBRqIQcgCUEedyEJIBIgDXMgF3MgFXNBAXchFSAHQQV3IAggCXMgCnNqIAZqQdaDi9N8aiAVaiEGIAhBHnchCCATIA5zIBhzIBZzQQF3IRYgBkEFdyAHIAhzIAlzaiAKakHWg4vTfGogFmohCiAHQR53IQcgFCAPcyAZcyAXc0EBdyEXIApBBXcgBiAHcyAIc2ogCWpB1oOL03xqIBdqIQkgBkEedyEGIBUgEHMgGnMgGHNBAXchGCAJQQV3IAogBnMgB3NqIAhqQdaDi9N8aiAYaiEIIApBHnchCiAWIBFzIAtzIBlzQQF3IRkgCEEFdyAJIApzIAZzaiAHakHWg4vTfGogGWohByAJQR53IQkgFyAScyAMcyAac0EBdyEaIAdBBXcgCCAJcyAKc2ogBmpB1oOL03xqIBpqIQYgCEEedyEIQYHGlLoGIAZqIQFBide2/n4gB2ohAkH+uevFeSAIaiEDQfaoyYEBIAlqIQRB8MPLnnwgCmohBSAAQQFrIgANAAtBACABNgIAQQAgAjYCBEEAIAM2AghBACAENgIMQQAgBTYCEAs=';

/** n SHA-1 re-hashes of the state words st[offset..offset+4], in place. */
export type Sha1Runner = (st: Int32Array, offset: number, n: number) => void;

/** What is used of the WebAssembly JavaScript API (not in the compiler's Node types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

let runner: Sha1Runner | null | undefined;

/** The SHA-1 re-hash runner, made on first use; undefined where WebAssembly cannot run. */
export function sha1Wasm(): Sha1Runner | undefined {
  if (runner === undefined) {
    try {
      const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
      if (!wasm) throw new Error('no WebAssembly');
      const instance = new wasm.Instance(new wasm.Module(port.base64Decode(SHA1_WASM)));
      const run = instance.exports.run as (n: number) => void;
      const view = new DataView((instance.exports.mem as { buffer: ArrayBuffer }).buffer);
      runner = (st, offset, n) => {
        for (let i = 0; i < 5; i++) view.setInt32(4 * i, st[offset + i]!, true);
        run(n);
        for (let i = 0; i < 5; i++) st[offset + i] = view.getInt32(4 * i, true);
        // The state is key material: not left in the module's memory.
        for (let i = 0; i < 5; i++) view.setInt32(4 * i, 0, true);
      };
    } catch {
      runner = null;
    }
  }
  return runner ?? undefined;
}
