/**
 * Help texts. Kept next to each other so that --help and README agree at a glance. The values of
 * enum options come from their one declaration (choices.ts, and the library's lists).
 */
import {
  CONNECTIONS,
  GENERATIONS,
  ISSUER_TYPES,
  MATCH_PROFILES,
  SEVERITIES,
  TARGET_OS,
} from '../index.js';
import { CHECK_FORMATS, OUTPUT_FORMATS, RULES_FORMATS, SUGGEST_FORMATS } from './choices.js';

/** `a|b|c`: an option's values as the help writes them. */
const or = (values: readonly string[]): string => values.join('|');

/** Option blocks that check and check-request share, word for word. */
const NAMES_OPTIONS = `Names the SUP answers to:
  --intranet NAME            intranet FQDN (or NetBIOS name)
  --internet NAME            internet FQDN
  --names 'A&B'              both, in ConfigMgr's "intranet&internet" notation
  --configuressl NAME        the name given to WsusUtil.exe configuressl
  --connections ${or(CONNECTIONS)}
                             which clients the SUP accepts (default: from the names)
  --skip-names               judge without names: the name rules do not run, and the verdict
                             line says so (without names and without this: exit 2)`;
const JUDGING_OPTIONS = `Judging:
  --generation ${or(GENERATIONS)}   ConfigMgr generation (default current)
  --issuer-type ${or(ISSUER_TYPES)}
  --profile ${or(MATCH_PROFILES)}   name matching model (default windows)`;
const DETAIL_OPTIONS = `  --verbose                  also print the info findings with their sources
  --no-color                 plain text (also when NO_COLOR is set or output is not a terminal)`;

export const GENERAL_HELP = `supcert: will this certificate work for a ConfigMgr software update point (WSUS over HTTPS)?

Usage:
  supcert check FILE|DIRECTORY|https://HOST[:PORT]|-... [--targets FILE] [--jobs N] [options]
  supcert check-request FILE|DIRECTORY|-... [options]
  supcert check-server FILE|DIRECTORY... [check's options]
  supcert check-server https://HOST[:PORT]... [check's options]
  supcert suggest [--intranet NAME] [--internet NAME] [--names 'A&B'] [--format ${or(SUGGEST_FORMATS)}]
  supcert rules [--format ${or(RULES_FORMATS)}]
  supcert --help | --version

Commands:
  check           judge certificate files (.pfx, .p12, .cer, .crt, .pem, .p7b) or a live server
  check-request   judge a certificate request before it is submitted (CSR, certreq INF,
                  web-enrollment attributes)
  suggest         write a request that gives a correct SUP certificate (certreq INF,
                  web-enrollment attributes, OpenSSL config)
  check-server    judge a SUP's deployment from files exported on it (applicationHost.config,
                  netsh http show sslcert, reg export of WSUS Setup and of the MY store, .sst)
  rules           list every rule with its severity and source

Run "supcert COMMAND --help" for the options. Exit codes: 0 pass, 1 findings at or above
--fail-on, 2 usage or input error, 130 interrupted (Ctrl-C).
`;

export const CHECK_HELP = `Usage: supcert check FILE|DIRECTORY|https://HOST[:PORT]|-... [--targets FILE] [--jobs N] [options]

Judges each certificate as the TLS certificate of a software update point. A directory is
searched recursively and files that are not certificates are skipped. An https:// URL is
connected to (default port 8531) and the certificate chain the server sends is judged.
"-" reads one file from stdin. --targets FILE lists inputs one a line ("# comments", blank
lines, and per-line names: https://sup01.corp.example:8531 names=sup01.corp.example&b.example).

${NAMES_OPTIONS}
Chain:
  --trust FILE               a root CA your clients trust (repeatable); enables chain checks
  --intermediate FILE        an intermediate CA not in the checked file (repeatable)
PFX password (never on the command line):
  --password-env VAR         read it from the environment variable VAR
  --password-file FILE       read it from the first line of FILE (a regular file, not a pipe;
                             UTF-8, or UTF-16 with a byte order mark)
                             (on a terminal, supcert asks when a PFX needs one)
${JUDGING_OPTIONS}
  --at ISO-8601              judge at this time instead of now, e.g. 2027-01-01
  --expiry-warning-days N    warn when the certificate expires within N days (default 30);
                             every chain element that does is listed at the end, soonest first
  --target-os ${or(TARGET_OS)}
                             the Windows Server a PFX is imported on (default 2016)
  --replaces FILE            the certificate this one replaces: names, Server Authentication,
                             issuer and expiry compared, and the steps to redo listed
  --timeout SECONDS          per connection, for https:// URLs and --online fetches (default 10,
                             at most 2147483)
  --connect-to HOST:PORT     https:// URLs: connect there, sending the names as SNI (like curl)
  --http-port N              https:// URLs: the HTTP port paired with the HTTPS one
                             (default 8530 for 8531, 80 for 443); both apply to every
                             https:// input, those of --targets included
Revocation (judged along the chain: give --trust):
  --crl FILE                 a CRL you have (DER or PEM); may be repeated
  --online                   fetch over HTTP the CRLs and OCSP answers the certificates name, and
                             a missing intermediate (AIA caIssuers); off by default: nothing is
                             fetched unless asked, and the report says it was off
Output:
  --format ${or(CHECK_FORMATS)}   (default text) json, jsonl (one object per input, then a
                             summary object) and csv are written as each input is judged
  --fail-on ${or(SEVERITIES)}   exit 1 when a finding is at least this severe (default error)
  --json-shape v1            deprecated: the 0.1 JSON shape (an object for one input, an array
                             for several) instead of the one v2 document
${DETAIL_OPTIONS}
  --jobs N                   threads judging directories and lists: this one and N - 1 workers
                             (1 to 64; default the number of cores, at most 8); the output
                             stays in input order

Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage or input error
(unreadable file, wrong password, not a certificate file, bad option value); 130 interrupted
(Ctrl-C: the records already written are whole; no summary follows).
`;

export const RULES_HELP = `Usage: supcert rules [--format ${or(RULES_FORMATS)}] [--no-color]

Lists every rule supcert applies: id, most severe outcome, title and source.
`;

export const CHECK_REQUEST_HELP = `Usage: supcert check-request FILE|DIRECTORY|-... [options]

Judges a certificate request before it goes to the CA: a PKCS#10 CSR (PEM or DER), a certreq
INF (UTF-8, or UTF-16 as Notepad saves it) or CA web-enrollment attributes
("CertificateTemplate:WebServer" / "san:dns=A&dns=B"). Every rule that can be decided on what
the request asks for runs; the rest (validity, chain, signature hash, key pairing) wait for the
issued certificate, which "supcert check" judges. A directory is searched recursively; files
that are not requests (certificates and keys included) are skipped with a note.

${NAMES_OPTIONS}
${JUDGING_OPTIONS}
Output:
  --format ${or(OUTPUT_FORMATS)}   (default text)
  --fail-on ${or(SEVERITIES)}   exit 1 when a finding is at least this severe (default error;
                             with info every request fails: SUP-REQ-004 always lists the
                             rules that wait for the issued certificate)
  --json-shape v1            deprecated: the 0.1 JSON shape instead of the one v2 document
${DETAIL_OPTIONS}

Not taken here (they need an issued certificate, a PFX or a server; use "supcert check"):
--trust, --intermediate, --password-env, --password-file, --at, --expiry-warning-days, --timeout,
--connect-to, --http-port, --crl, --online, --target-os, --replaces.

Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage or input error
(unreadable file, not a certificate request, damaged CSR, bad option value).
`;

export const SUGGEST_HELP = `Usage: supcert suggest [--intranet NAME] [--internet NAME] [--names 'A&B'] [options]

Writes the request that gives a correct SUP certificate: every name its own SAN DNS entry
(intranet name first, also the CN), Server Authentication, RSA 2048, the key in the computer's
store, a provider the ConfigMgr generation supports.

Names the SUP answers to (at least one):
  --intranet NAME            intranet FQDN
  --internet NAME            internet FQDN
  --names 'A&B'              both, in ConfigMgr's "intranet&internet" notation
  --configuressl NAME        the name given to WsusUtil.exe configuressl
  --connections ${or(CONNECTIONS)}
Request:
  --generation ${or(GENERATIONS)}   ConfigMgr generation (default current): 2007 and 2012 get a
                             legacy CSP, current branch a CNG key storage provider
  --issuer-type ${or(ISSUER_TYPES)}
Output:
  --format text              (default) all three forms, with headings
  --format inf               only the certreq INF, with CRLF line ends:
                               supcert suggest --names 'A&B' --format inf > sup.inf
                               certreq -new sup.inf sup.req
  --format attributes        only the CA web-enrollment attributes (also for certreq -attrib)
  --format openssl           only the OpenSSL config (openssl req -new -config sup.cnf ...)
  --format json              everything: { inf, webEnrollmentAttributes, opensslConfig, names, warnings }
  --no-color                 plain text

What the request cannot fix (a single-label name, an IP address ...) is printed on stderr as a
warning, whatever the format; warnings do not change the exit code.

Exit codes: 0 written; 2 usage error (no names given, bad option value).
`;

export const CHECK_SERVER_HELP = `Usage: supcert check-server FILE|DIRECTORY... [check's options]
       supcert check-server https://HOST[:PORT]... [check's options]   (the live probe, as check)

Judges the deployment of a software update point from files exported on the server, all of
them one snapshot, recognised by content (any subset):
  %windir%\\System32\\inetsrv\\config\\applicationHost.config
  netsh http show sslcert > sslcert.txt
  reg export "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup" setup.reg
  reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY" my.reg   (or an .sst store)
  the certificate files (.pfx with --password-env / --password-file, .cer ...)
The certificate HTTP.sys binds on the SSL port is judged with every certificate rule, and
SUP-DEP-001...005 (store, binding, Require SSL, client certificates, configuressl) are decided
from the files; a rule whose file is missing says which export decides it. In a directory,
files that are neither exports nor certificate files are skipped with a note. A certificate
file of CA certificates only (the chain) is used as intermediates, never as trusted roots.
Takes check's options (--names, --trust, --intermediate, --crl, --online, --target-os,
--replaces, --format text|json|sarif, --fail-on ...) and exit codes; on exported files
--targets and --jobs are refused (they are for check's independent inputs). An https://
endpoint is probed live, exactly as supcert check does; files and URLs are not mixed in one run.
`;
