/** Help texts. Kept next to each other so that --help and README agree at a glance. */

export const GENERAL_HELP = `supcert: will this certificate work for a ConfigMgr software update point (WSUS over HTTPS)?

Usage:
  supcert check FILE|DIRECTORY|https://HOST[:PORT]... [options]
  supcert rules [--format text|json]
  supcert --help | --version

Commands:
  check   judge certificate files (.pfx, .p12, .cer, .crt, .pem, .p7b) or a live server
  rules   list every rule with its severity and source

Run "supcert check --help" for the options. Exit codes: 0 pass, 1 findings at or above
--fail-on, 2 usage or input error.
`;

export const CHECK_HELP = `Usage: supcert check FILE|DIRECTORY|https://HOST[:PORT]... [options]

Judges each certificate as the TLS certificate of a software update point. A directory is
searched recursively and files that are not certificates are skipped. An https:// URL is
connected to (default port 8531) and the certificate chain the server sends is judged.

Names the SUP answers to:
  --intranet NAME            intranet FQDN (or NetBIOS name)
  --internet NAME            internet FQDN
  --names 'A&B'              both, in ConfigMgr's "intranet&internet" notation
  --configuressl NAME        the name given to WsusUtil.exe configuressl
  --connections intranet|internet|both|cmg
                             which clients the SUP accepts (default: from the names)
Chain:
  --trust FILE               a root CA your clients trust (repeatable); enables chain checks
  --intermediate FILE        an intermediate CA not in the checked file (repeatable)
PFX password (never on the command line):
  --password-env VAR         read it from the environment variable VAR
  --password-file FILE       read it from the first line of FILE
                             (on a terminal, supcert asks when a PFX needs one)
Judging:
  --generation 2007|2012|current   ConfigMgr generation (default current)
  --issuer-type enterprise|public|self-signed
  --profile windows|strict   name matching model (default windows)
  --at ISO-8601              judge at this time instead of now, e.g. 2027-01-01
  --expiry-warning-days N    warn when the certificate expires within N days (default 30)
  --timeout SECONDS          for https:// URLs (default 10)
Output:
  --format text|json|sarif   (default text)
  --fail-on error|warning|info   exit 1 when a finding is at least this severe (default error)
  --verbose                  also print the info findings with their sources
  --no-color                 plain text (also when NO_COLOR is set or output is not a terminal)

Exit codes: 0 no finding at or above --fail-on; 1 at least one; 2 usage or input error
(unreadable file, wrong password, not a certificate file, bad option value).
`;

export const RULES_HELP = `Usage: supcert rules [--format text|json] [--no-color]

Lists every rule supcert applies: id, most severe outcome, title and source.
`;
