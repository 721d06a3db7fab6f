#!/usr/bin/env bash
# Regenerates every fixture in this folder (certs-fixtures/generated/) from scratch.
#
#   bash certs-fixtures/generated/make.sh        (from any directory)
#
# Needs only bash, the OpenSSL 3 CLI (written against 3.0.x) and coreutils.
# Keys are random, so every run produces different bytes: the outputs are committed
# and tests read the committed files; they never run this script or OpenSSL.
# manifest.json is written by this script from the files themselves (openssl output),
# so it stays true after a regeneration. README.md and make.sh are the only files
# kept; everything else in this folder is deleted first.
set -euo pipefail
export LC_ALL=C.UTF-8   # the non-ASCII password below is UTF-8 in this file
umask 022

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
[[ -f make.sh ]] || { echo "make.sh: not in the fixtures folder" >&2; exit 1; }

command -v openssl >/dev/null || { echo "make.sh: openssl not found" >&2; exit 1; }
case "$(openssl version)" in
  "OpenSSL 3."*) ;;
  *) echo "make.sh: needs OpenSSL 3.x, found: $(openssl version)" >&2; exit 1 ;;
esac

TMP="$(mktemp -d)"
trap 'rm -rf -- "$TMP"' EXIT

# --- clean ------------------------------------------------------------------------------
shopt -s nullglob dotglob
for f in *; do
  case "$f" in
    make.sh|README.md) ;;
    *) rm -rf -- "$f" ;;
  esac
done
shopt -u dotglob

PW='Passw0rd!'
PW_NONASCII='pässwörd€'
WRONG_PW='wrong-password'

# --- command recording --------------------------------------------------------------------
# CMDS[file] = the exact command that wrote the file (shown in manifest.json "command").
declare -A CMDS=()
quote_arg() {
  local a=$1
  if [[ -n $a && $a =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then
    printf '%s' "$a"
  else
    printf "'%s'" "${a//\'/\'\\\'\'}"
  fi
}
quote_cmd() {
  local out="" a q
  for a in "$@"; do
    q=$(quote_arg "$a")
    out+="${out:+ }$q"
  done
  out=${out//"$TMP"/\$TMP}
  printf '%s' "$out"
}
# mk OUTFILE cmd args...  : run the command, record it for OUTFILE
mk() {
  local out=$1; shift
  CMDS[$out]=$(quote_cmd "$@")
  "$@"
}
# note OUTFILE text : record a hand-described command (pipelines, byte edits)
note() { CMDS[$1]=$2; }

# --- keys and certificates ----------------------------------------------------------------
cat > "$TMP/ext.cnf" <<'EOF'
[req]
distinguished_name = dn
[dn]

[v3_root]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[v3_issuing]
basicConstraints       = critical, CA:true, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[v3_leaf_rsa]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:sup01.corp.contoso.com, DNS:sup01.contoso.com, DNS:sup01
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[v3_leaf_ec]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:sup01.corp.contoso.com, DNS:sup01.contoso.com, DNS:sup01
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF

LEAF_SUBJ='/O=Contoso/CN=sup01.corp.contoso.com'

# CA keys live only in $TMP (never committed); leaf keys are outputs (PKCS#8 PEM).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/root-ca.key"
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/issuing-ca.key"
mk leaf-rsa.key   openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf-rsa.key
mk leaf-ec.key    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out leaf-ec.key
mk leaf-ec384.key openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out leaf-ec384.key

mk root-ca.pem openssl req -new -x509 -config "$TMP/ext.cnf" -extensions v3_root \
  -key "$TMP/root-ca.key" -subj '/O=Contoso/CN=Contoso Test Root CA' -sha256 -days 3650 -out root-ca.pem

openssl req -new -config "$TMP/ext.cnf" -key "$TMP/issuing-ca.key" \
  -subj '/O=Contoso/CN=Contoso Test Issuing CA' -out "$TMP/issuing-ca.csr"
mk issuing-ca.pem openssl x509 -req -in "$TMP/issuing-ca.csr" -CA root-ca.pem -CAkey "$TMP/root-ca.key" \
  -extfile "$TMP/ext.cnf" -extensions v3_issuing -sha256 -days 1825 -out issuing-ca.pem

make_leaf() { # name extensions-section
  local name=$1 ext=$2
  openssl req -new -config "$TMP/ext.cnf" -key "$name.key" -subj "$LEAF_SUBJ" -out "$TMP/$name.csr"
  mk "$name.pem" openssl x509 -req -in "$TMP/$name.csr" -CA issuing-ca.pem -CAkey "$TMP/issuing-ca.key" \
    -extfile "$TMP/ext.cnf" -extensions "$ext" -sha256 -days 730 -out "$name.pem"
}
make_leaf leaf-rsa   v3_leaf_rsa
make_leaf leaf-ec    v3_leaf_ec
make_leaf leaf-ec384 v3_leaf_ec

for c in root-ca issuing-ca leaf-rsa leaf-ec leaf-ec384; do
  mk "$c.der" openssl x509 -in "$c.pem" -outform DER -out "$c.der"
done

openssl verify -CAfile root-ca.pem -untrusted issuing-ca.pem leaf-rsa.pem leaf-ec.pem leaf-ec384.pem >/dev/null

# fullchain.pem: leaf, issuing CA, root, with a free-text line between the blocks
{
  cat leaf-rsa.pem
  echo 'Issuing CA (intermediate) follows'
  cat issuing-ca.pem
  echo 'Root CA follows'
  cat root-ca.pem
} > fullchain.pem
note fullchain.pem "{ cat leaf-rsa.pem; echo 'Issuing CA (intermediate) follows'; cat issuing-ca.pem; echo 'Root CA follows'; cat root-ca.pem; } > fullchain.pem"
cat issuing-ca.pem root-ca.pem > "$TMP/ca-certs.pem"

# --- PKCS#7 -------------------------------------------------------------------------------
mk chain.p7b     openssl crl2pkcs7 -nocrl -certfile fullchain.pem -outform DER -out chain.p7b
mk chain-p7b.pem openssl crl2pkcs7 -nocrl -certfile fullchain.pem -outform PEM -out chain-p7b.pem
mk leaf.p7b      openssl crl2pkcs7 -nocrl -certfile leaf-rsa.pem -outform DER -out leaf.p7b

# --- PKCS#12 ------------------------------------------------------------------------------
RSA_IN=(-in leaf-rsa.pem -inkey leaf-rsa.key -name sup01)
EC_IN=(-in leaf-ec.pem -inkey leaf-ec.key -name sup01)
p12() { # out args...
  local out=$1; shift
  mk "$out" openssl pkcs12 -export "$@" -out "$out"
}
p12 legacy.pfx            "${RSA_IN[@]}" -passout "pass:$PW" -legacy
p12 default.pfx           "${RSA_IN[@]}" -passout "pass:$PW"
p12 des3-sha1.pfx         "${RSA_IN[@]}" -passout "pass:$PW" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1
p12 legacy-descert.pfx    "${RSA_IN[@]}" -passout "pass:$PW" -legacy -descert
p12 nomac.pfx             "${RSA_IN[@]}" -passout "pass:$PW" -nomac
p12 empty-password.pfx    "${RSA_IN[@]}" -passout "pass:"
p12 unencrypted-mac.pfx   "${RSA_IN[@]}" -passout "pass:$PW" -certpbe NONE -keypbe NONE
p12 unencrypted-nomac.pfx "${RSA_IN[@]}" -passout "pass:" -certpbe NONE -keypbe NONE -nomac
p12 chain.pfx             "${RSA_IN[@]}" -certfile "$TMP/ca-certs.pem" -passout "pass:$PW"
p12 iter200k.pfx          "${RSA_IN[@]}" -passout "pass:$PW" -iter 200000
p12 nonascii-pbes2.pfx    "${RSA_IN[@]}" -passout "pass:$PW_NONASCII"
p12 nonascii-3des.pfx     "${RSA_IN[@]}" -passout "pass:$PW_NONASCII" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES
p12 csp.pfx               "${RSA_IN[@]}" -passout "pass:$PW" -CSP 'Microsoft Enhanced RSA and AES Cryptographic Provider'
p12 aes128-sha512mac.pfx  "${RSA_IN[@]}" -passout "pass:$PW" -keypbe AES-128-CBC -certpbe AES-128-CBC -macalg sha512
p12 aes192-sha384mac.pfx  "${RSA_IN[@]}" -passout "pass:$PW" -keypbe AES-192-CBC -certpbe AES-192-CBC -macalg sha384
p12 sha1-2des.pfx         "${RSA_IN[@]}" -passout "pass:$PW" -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-2DES
p12 rc2-128.pfx           -provider legacy -provider default "${RSA_IN[@]}" -passout "pass:$PW" -keypbe PBE-SHA1-RC2-128 -certpbe PBE-SHA1-RC2-128
p12 mac-sha224.pfx        "${RSA_IN[@]}" -passout "pass:$PW" -macalg sha224
p12 mac-sha384.pfx        "${RSA_IN[@]}" -passout "pass:$PW" -macalg sha384
p12 ec-default.pfx        "${EC_IN[@]}"  -passout "pass:$PW"
p12 ec-legacy.pfx         "${EC_IN[@]}"  -passout "pass:$PW" -legacy
p12 certs-only.pfx        -nokeys -in fullchain.pem -name sup01 -passout "pass:$PW"
p12 key-only.pfx          -nocerts -inkey leaf-rsa.key -name sup01 -passout "pass:$PW" 2>/dev/null

# --- PEM / base64 variants ----------------------------------------------------------------
# CRLF + the "Bag Attributes" preamble that `openssl pkcs12 -nokeys` prints
openssl pkcs12 -in default.pfx -passin "pass:$PW" -nokeys -clcerts > "$TMP/bagattrs.pem"
while IFS= read -r line || [[ -n $line ]]; do printf '%s\r\n' "$line"; done < "$TMP/bagattrs.pem" > leaf-rsa-crlf.pem
note leaf-rsa-crlf.pem "openssl pkcs12 -in default.pfx -passin 'pass:$PW' -nokeys -clcerts, then every LF replaced by CRLF"

mk leaf-rsa-text.pem openssl x509 -in leaf-rsa.pem -text -out leaf-rsa-text.pem

c=$(<leaf-rsa.pem)
c=${c//'-----BEGIN CERTIFICATE-----'/'-----BEGIN X509 CERTIFICATE-----'}
c=${c//'-----END CERTIFICATE-----'/'-----END X509 CERTIFICATE-----'}
printf '%s\n' "$c" > leaf-rsa-x509-header.pem
note leaf-rsa-x509-header.pem "leaf-rsa.pem with BEGIN/END CERTIFICATE renamed to BEGIN/END X509 CERTIFICATE"

mk leaf-rsa-trusted.pem openssl x509 -in leaf-rsa.pem -trustout -addtrust serverAuth -setalias sup01 -out leaf-rsa-trusted.pem

openssl pkey -in leaf-ec.key -traditional -out "$TMP/leaf-ec-trad.key"
{
  cat leaf-rsa.pem leaf-rsa.key leaf-ec.pem "$TMP/leaf-ec-trad.key" chain-p7b.pem
} > bundle-with-keys.pem
note bundle-with-keys.pem "cat leaf-rsa.pem leaf-rsa.key leaf-ec.pem <(openssl pkey -in leaf-ec.key -traditional) chain-p7b.pem > bundle-with-keys.pem"

openssl rsa -in leaf-rsa.key -traditional -out "$TMP/leaf-rsa-pkcs1.key" 2>/dev/null
cat leaf-rsa.pem "$TMP/leaf-rsa-pkcs1.key" > leaf-rsa-key-pkcs1.pem
note leaf-rsa-key-pkcs1.pem "cat leaf-rsa.pem <(openssl rsa -in leaf-rsa.key -traditional) > leaf-rsa-key-pkcs1.pem"

base64 -w 0 leaf-rsa.der > leaf-rsa.b64
note leaf-rsa.b64 "base64 -w 0 leaf-rsa.der > leaf-rsa.b64   (one line, no trailing newline)"
base64 -w 64 leaf-rsa.der > leaf-rsa-wrapped.b64
note leaf-rsa-wrapped.b64 "base64 -w 64 leaf-rsa.der > leaf-rsa-wrapped.b64"

# --- bad inputs ---------------------------------------------------------------------------
size=$(stat -c %s default.pfx)
head -c $((size / 2)) default.pfx > truncated.pfx
note truncated.pfx "head -c $((size / 2)) default.pfx > truncated.pfx   (first half of default.pfx, $size bytes)"

cp default.pfx corrupt-mac.pfx
mac_line=""
while IFS= read -r line; do
  if [[ $line =~ ^\ *([0-9]+):d=3\ +hl=([0-9]+)\ +l=\ *([0-9]+)\ +prim:\ +OCTET\ STRING ]]; then
    mac_line=$line
    mac_off=${BASH_REMATCH[1]}; mac_hl=${BASH_REMATCH[2]}; mac_len=${BASH_REMATCH[3]}
  fi
done < <(openssl asn1parse -inform DER -in default.pfx)
# the last depth-3 OCTET STRING is MacData.mac.digest (sha256: 32 bytes)
[[ -n $mac_line && $mac_len == 32 ]] || { echo "make.sh: MAC digest not found in default.pfx" >&2; exit 1; }
flip_at=$((mac_off + mac_hl))
old_byte=$(od -An -tu1 -j "$flip_at" -N1 corrupt-mac.pfx | tr -d ' ')
new_byte=$((old_byte ^ 0xFF))
printf "\\x$(printf %02x "$new_byte")" | dd of=corrupt-mac.pfx bs=1 seek="$flip_at" count=1 conv=notrunc status=none
note corrupt-mac.pfx "cp default.pfx corrupt-mac.pfx; byte at offset $flip_at (first byte of the MAC digest OCTET STRING at $mac_off in 'openssl asn1parse -inform DER -in default.pfx') XORed with 0xFF"
CORRUPT_NOTE="MAC digest byte at offset $flip_at flipped; otherwise identical to default.pfx"

while :; do
  head -c 512 /dev/urandom > garbage.bin
  first=$(od -An -tu1 -N1 garbage.bin | tr -d ' ')
  (( first != 0x30 && first != 0x2d )) && break   # not a DER SEQUENCE, not '-'
done
note garbage.bin "head -c 512 /dev/urandom > garbage.bin   (re-drawn while the first byte is 0x30 or '-')"

# ==========================================================================================
# Inspection: everything below reads the files back with openssl and writes manifest.json
# ==========================================================================================
json_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}; s=${s//$'\n'/\\n}
  printf '"%s"' "$s"
}
json_arr() { # items... (strings)
  local out="" i
  for i in "$@"; do out+="${out:+, }$(json_str "$i")"; done
  printf '[%s]' "$out"
}
sha_der_cert() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }
sha_pub_cert() { openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1; }
key_alg() { # PEM private key file -> rsa | ec | other
  local l
  while IFS= read -r l; do
    [[ $l == *":rsaEncryption"* ]] && { echo rsa; return; }
    [[ $l == *":id-ecPublicKey"* ]] && { echo ec; return; }
  done < <(openssl pkey -in "$1" -pubout -outform DER | openssl asn1parse -inform DER)
  echo other
}

# Known leaf public keys, to name the certificate a lone key belongs to.
declare -A KNOWN_LEAF_BY_PUB=()
for c in leaf-rsa leaf-ec leaf-ec384; do
  KNOWN_LEAF_BY_PUB[$(sha_pub_cert "$c.pem")]=$(sha_der_cert "$c.pem")
done

# scan_pem FILE MODE : walks PEM blocks in file order (MODE=pfx also reads bag attributes)
# fills S_CERTS S_CERTPUB S_KEYALGS S_KEYPUB S_LABELS S_FNAMES S_CSPS S_BAGS
reset_scan() { S_CERTS=(); S_CERTPUB=(); S_KEYALGS=(); S_KEYPUB=(); S_LABELS=(); S_FNAMES=(); S_CSPS=(); S_BAGS=(); }
scan_pem() {
  local file=$1 mode=$2 line label="" block="" inblock=0 fn="" lk="" csp="" blk n
  n=${#S_LABELS[@]}
  blk="$TMP/blk.$RANDOM.$n.pem"
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    if (( ! inblock )); then
      if [[ $line =~ ^-----BEGIN\ (.+)-----$ ]]; then
        label=${BASH_REMATCH[1]}; block="$line"$'\n'; inblock=1
      elif [[ $mode == pfx ]]; then
        case "$line" in
          'Bag Attributes'*) fn=""; lk=""; csp="" ;;
          '    friendlyName: '*) fn=${line#'    friendlyName: '} ;;
          '    localKeyID: '*) lk=${line#'    localKeyID: '}; lk=${lk// /}; lk=${lk,,} ;;
          '    Microsoft CSP Name: '*) csp=${line#'    Microsoft CSP Name: '} ;;
        esac
      fi
    else
      block+="$line"$'\n'
      if [[ $line =~ ^-----END\ (.+)-----$ ]]; then
        inblock=0
        printf '%s' "$block" > "$blk"
        handle_block "$label" "$blk" "$mode" "$fn" "$lk" "$csp"
        fn=""; lk=""; csp=""
      fi
    fi
  done < "$file"
}
handle_block() { # label file mode friendlyName localKeyID csp
  local label=$1 blk=$2 mode=$3 fn=$4 lk=$5 csp=$6 sha pub alg bag
  [[ $mode == inner ]] || S_LABELS+=("$label")
  case "$label" in
    CERTIFICATE|'X509 CERTIFICATE'|'TRUSTED CERTIFICATE')
      sha=$(sha_der_cert "$blk"); pub=$(sha_pub_cert "$blk")
      S_CERTS+=("$sha"); S_CERTPUB+=("$pub")
      bag="{\"type\": \"cert\", \"sha256\": \"$sha\""
      ;;
    PKCS7)
      openssl pkcs7 -in "$blk" -print_certs > "$blk.certs"
      scan_pem "$blk.certs" inner
      return
      ;;
    'PRIVATE KEY'|'RSA PRIVATE KEY'|'EC PRIVATE KEY')
      alg=$(key_alg "$blk")
      pub=$(openssl pkey -in "$blk" -pubout -outform DER | sha256sum | cut -d' ' -f1)
      S_KEYALGS+=("$alg"); S_KEYPUB+=("$pub")
      bag="{\"type\": \"key\", \"keyAlgorithm\": \"$alg\""
      ;;
    *)
      echo "make.sh: unexpected PEM block '$label' in $blk" >&2; exit 1 ;;
  esac
  if [[ $mode == pfx ]]; then
    [[ -n $fn ]] && { bag+=", \"friendlyName\": $(json_str "$fn")"; S_FNAMES+=("$fn"); }
    [[ -n $lk ]] && bag+=", \"localKeyID\": \"$lk\""
    [[ -n $csp ]] && { bag+=", \"providerName\": $(json_str "$csp")"; S_CSPS+=("$csp"); }
    S_BAGS+=("$bag}")
  fi
}
uniq_list() { # items... -> prints unique items, first-seen order, one per line
  local -A seen=(); local i
  for i in "$@"; do [[ -n ${seen[$i]:-} ]] || { seen[$i]=1; printf '%s\n' "$i"; }; done
}
leaf_of_scan() { # the certificate the first key matches; else the first certificate
  local i
  if (( ${#S_KEYPUB[@]} )); then
    for i in "${!S_CERTPUB[@]}"; do
      [[ ${S_CERTPUB[$i]} == "${S_KEYPUB[0]}" ]] && { echo "${S_CERTS[$i]}"; return; }
    done
    [[ -n ${KNOWN_LEAF_BY_PUB[${S_KEYPUB[0]}]:-} ]] && { echo "${KNOWN_LEAF_BY_PUB[${S_KEYPUB[0]}]}"; return; }
  fi
  (( ${#S_CERTS[@]} )) && echo "${S_CERTS[0]}" || echo ""
}
cert_dates() { # PEM cert file -> "notBefore notAfter" in ISO 8601
  local nb na l
  while IFS= read -r l; do
    case "$l" in notBefore=*) nb=${l#notBefore=} ;; notAfter=*) na=${l#notAfter=} ;; esac
  done < <(openssl x509 -in "$1" -noout -startdate -enddate -dateopt iso_8601)
  echo "${nb/ /T} ${na/ /T}"
}
declare -A LEAF_DATES=()
for c in root-ca issuing-ca leaf-rsa leaf-ec leaf-ec384; do
  LEAF_DATES[$(sha_der_cert "$c.pem")]=$(cert_dates "$c.pem")
done

# pfx_info FILE PASSWORD [extra openssl args] : sets P_ENC P_MAC P_LEGACY P_OK P_ERR
# (openssl pkcs12 -info -noout; retried with -legacy when the default provider cannot read it)
pfx_info() {
  local file=$1 pw=$2 out l enc="" mac=""; shift 2
  P_LEGACY=false; P_OK=true; P_ERR=""
  if ! out=$(openssl pkcs12 -info -noout "$@" -in "$file" -passin "pass:$pw" 2>&1); then
    if out=$(openssl pkcs12 -legacy -info -noout "$@" -in "$file" -passin "pass:$pw" 2>&1); then
      P_LEGACY=true
    else
      P_OK=false
    fi
  fi
  while IFS= read -r l; do
    [[ -z $l ]] && continue
    case "$l" in
      MAC:*|'MAC length'*|'Warning: MAC is absent!') mac+="${mac:+; }$l" ;;
      'PKCS7 Data'|'PKCS7 Encrypted data'*|'Certificate bag'|'Shrouded Keybag'*|'Key bag'|'Safe Contents bag'|'Secret bag'|'PKCS7 Enveloped data'*|'Warning: '*)
        enc+="${enc:+; }$l" ;;
      *) [[ -z $P_ERR ]] && P_ERR=${l#*:error:} ;;
    esac
  done <<< "$out"
  [[ $mac == 'Warning: MAC is absent!' ]] && mac='none (openssl: Warning: MAC is absent!)'
  P_ENC=${enc:-none}; P_MAC=${mac:-none}
}

# entry FILE FORMAT [pw=PASSWORD] [err=CODE] [note=TEXT]
ENTRIES=()
entry() {
  local file=$1 format=$2; shift 2
  local pw="" has_pw=false err="" enote="" a leaf dates nb na obj enc mac legacy="" wrongrej=""
  local -a fnames=() algs=()
  for a in "$@"; do
    case "$a" in
      pw=*) pw=${a#pw=}; has_pw=true ;;
      err=*) err=${a#err=} ;;
      note=*) enote=${a#note=} ;;
    esac
  done
  [[ -e $file ]] || { echo "make.sh: missing output $file" >&2; exit 1; }
  reset_scan
  enc="none"; mac="none"
  case "$format" in
    pem)
      scan_pem "$file" pem ;;
    der)
      openssl x509 -inform DER -in "$file" -out "$TMP/scan.pem"; scan_pem "$TMP/scan.pem" pem ;;
    base64)
      base64 -d "$file" | openssl x509 -inform DER -out "$TMP/scan.pem"; scan_pem "$TMP/scan.pem" pem ;;
    p7b)
      openssl pkcs7 -inform DER -in "$file" -print_certs > "$TMP/scan.pem"; scan_pem "$TMP/scan.pem" inner ;;
    pfx)
      pfx_info "$file" "$pw"
      enc=$P_ENC; mac=$P_MAC; legacy=$P_LEGACY
      if [[ -z $err ]]; then
        $P_OK || { echo "make.sh: $file does not open with its password: $P_ERR" >&2; exit 1; }
        if $P_LEGACY; then
          openssl pkcs12 -legacy -in "$file" -passin "pass:$pw" -nodes -out "$TMP/scan.pem" 2>/dev/null
        else
          openssl pkcs12 -in "$file" -passin "pass:$pw" -nodes -out "$TMP/scan.pem" 2>/dev/null
        fi
        scan_pem "$TMP/scan.pem" pfx
        # does a wrong password get rejected?
        if openssl pkcs12 -provider legacy -provider default -in "$file" -passin "pass:$WRONG_PW" -nodes -out /dev/null 2>/dev/null; then
          wrongrej=false
        else
          wrongrej=true
        fi
      else
        $P_OK && { echo "make.sh: bad input $file unexpectedly opens" >&2; exit 1; }
        # what is inside, as far as OpenSSL can tell without checking the MAC
        local perr=$P_ERR
        pfx_info "$file" "$pw" -nomacver
        if $P_OK; then
          enc="$P_ENC (read with -nomacver)"; mac="$P_MAC (digest does not verify)"
        else
          enc="unreadable"; mac="unreadable"
        fi
        P_ERR=$perr
      fi
      ;;
    unknown) ;;
    *) echo "make.sh: bad format $format" >&2; exit 1 ;;
  esac
  leaf=$(leaf_of_scan)
  mapfile -t fnames < <(uniq_list "${S_FNAMES[@]}")
  mapfile -t algs < <(uniq_list "${S_KEYALGS[@]}")

  obj="  {"$'\n'"    \"file\": $(json_str "$file"),"$'\n'"    \"format\": \"$format\","
  $has_pw && obj+=$'\n'"    \"password\": $(json_str "$pw"),"
  obj+=$'\n'"    \"certCount\": ${#S_CERTS[@]},"
  obj+=$'\n'"    \"keyCount\": ${#S_KEYALGS[@]},"
  obj+=$'\n'"    \"keyAlgorithms\": $(json_arr "${algs[@]}"),"
  obj+=$'\n'"    \"friendlyNames\": $(json_arr "${fnames[@]}"),"
  (( ${#S_CSPS[@]} )) && obj+=$'\n'"    \"providerName\": $(json_str "${S_CSPS[0]}"),"
  if [[ -n $leaf ]]; then
    obj+=$'\n'"    \"leafSha256\": \"$leaf\","
    if [[ -n ${LEAF_DATES[$leaf]:-} ]]; then
      read -r nb na <<< "${LEAF_DATES[$leaf]}"
      obj+=$'\n'"    \"leafNotBefore\": \"$nb\","$'\n'"    \"leafNotAfter\": \"$na\","
    fi
  else
    obj+=$'\n'"    \"leafSha256\": null,"
  fi
  obj+=$'\n'"    \"certSha256s\": $(json_arr "${S_CERTS[@]}"),"
  [[ $format == pem ]] && obj+=$'\n'"    \"pemBlocks\": $(json_arr "${S_LABELS[@]}"),"
  if [[ $format == pfx && -z $err ]]; then
    local bags="" b
    for b in "${S_BAGS[@]}"; do bags+="${bags:+,}"$'\n'"      $b"; done
    obj+=$'\n'"    \"bags\": [${bags}"$'\n'"    ],"
    obj+=$'\n'"    \"needsLegacyProvider\": $legacy,"
    obj+=$'\n'"    \"wrongPasswordRejected\": $wrongrej,"
  fi
  obj+=$'\n'"    \"encryption\": $(json_str "$enc"),"
  obj+=$'\n'"    \"mac\": $(json_str "$mac"),"
  if [[ -n $err ]]; then
    obj+=$'\n'"    \"expectedError\": \"$err\","
    [[ $format == pfx ]] && obj+=$'\n'"    \"opensslSays\": $(json_str "$P_ERR"),"
  fi
  [[ -n $enote ]] && obj+=$'\n'"    \"note\": $(json_str "$enote"),"
  obj+=$'\n'"    \"command\": $(json_str "${CMDS[$file]:-}")"$'\n'"  }"
  ENTRIES+=("$obj")
  # remember for the self-checks below
  M_WRONG[$file]=$wrongrej; M_LEAF[$file]=$leaf; M_CERTS[$file]=${#S_CERTS[@]}; M_KEYS[$file]=${#S_KEYALGS[@]}; M_ENC[$file]=$enc; M_MAC[$file]=$mac
}
declare -A M_WRONG=() M_LEAF=() M_CERTS=() M_KEYS=() M_ENC=() M_MAC=()

entry root-ca.pem pem
entry root-ca.der der
entry issuing-ca.pem pem
entry issuing-ca.der der
entry leaf-rsa.pem pem
entry leaf-rsa.der der
entry leaf-rsa.key pem
entry leaf-ec.pem pem
entry leaf-ec.der der
entry leaf-ec.key pem
entry leaf-ec384.pem pem
entry leaf-ec384.der der
entry leaf-ec384.key pem
entry fullchain.pem pem
entry leaf-rsa-crlf.pem pem 'note=CRLF line endings; text preamble (Bag Attributes, subject=, issuer=) before the block'
entry leaf-rsa-text.pem pem 'note=openssl x509 -text dump followed by the PEM block'
entry leaf-rsa-x509-header.pem pem
entry leaf-rsa-trusted.pem pem 'note=OpenSSL TRUSTED CERTIFICATE: the DER is the certificate followed by X509_CERT_AUX (trust serverAuth, alias sup01); leafSha256 is of the certificate alone'
entry bundle-with-keys.pem pem 'note=certSha256s counts the certificates inside the PKCS7 block too (leaf-rsa appears twice)'
entry leaf-rsa-key-pkcs1.pem pem
entry leaf-rsa.b64 base64 'note=one line, no trailing newline'
entry leaf-rsa-wrapped.b64 base64
entry chain.p7b p7b
entry chain-p7b.pem pem
entry leaf.p7b p7b
for f in legacy default des3-sha1 legacy-descert; do entry "$f.pfx" pfx "pw=$PW"; done
entry nomac.pfx pfx "pw=$PW" 'note=no MAC, and the cert bag is not encrypted either: the certificate is readable under any password, only the key bag needs it (openssl pkcs12 -info -noout, which does not decrypt the key, accepts a wrong password; -nodes fails)'
entry empty-password.pfx pfx 'pw='
entry unencrypted-mac.pfx pfx "pw=$PW"
entry unencrypted-nomac.pfx pfx 'pw=' 'note=no encryption and no MAC: any password (or none) opens it'
for f in chain iter200k; do entry "$f.pfx" pfx "pw=$PW"; done
entry nonascii-pbes2.pfx pfx "pw=$PW_NONASCII" 'note=PBES2/PBKDF2 takes the password as its UTF-8 bytes; the PKCS#12 MAC KDF takes it as BMPString (UTF-16BE) plus a 00 00 terminator'
entry nonascii-3des.pfx pfx "pw=$PW_NONASCII" 'note=PKCS#12 KDF (bags and MAC) takes the password as BMPString (UTF-16BE: 00 70 00 e4 ... 20 ac) plus a 00 00 terminator'
for f in csp aes128-sha512mac aes192-sha384mac sha1-2des rc2-128 mac-sha224 mac-sha384 ec-default ec-legacy certs-only key-only; do
  entry "$f.pfx" pfx "pw=$PW"
done
entry truncated.pfx pfx "pw=$PW" err=MALFORMED 'note=first half of default.pfx'
entry corrupt-mac.pfx pfx "pw=$PW" err=MALFORMED "note=$CORRUPT_NOTE; under the right password the contents still decrypt, which tells a damaged file from a wrong password (OpenSSL cannot)"
entry garbage.bin unknown err=UNKNOWN_FORMAT 'note=512 random bytes'

# --- self-checks (fail the run if OpenSSL did not do what the names promise) ----------------
fail() { echo "make.sh: check failed: $*" >&2; exit 1; }
expect() { # file field substring
  local v
  case "$2" in enc) v=${M_ENC[$1]} ;; mac) v=${M_MAC[$1]} ;; esac
  [[ $v == *"$3"* ]] || fail "$1 $2 lacks '$3' (got: $v)"
}
RSA_LEAF=$(sha_der_cert leaf-rsa.pem)
for f in leaf-rsa.pem leaf-rsa.der leaf-rsa.key fullchain.pem leaf-rsa-crlf.pem leaf-rsa-text.pem leaf-rsa-x509-header.pem \
         leaf-rsa-trusted.pem bundle-with-keys.pem leaf-rsa-key-pkcs1.pem leaf-rsa.b64 leaf-rsa-wrapped.b64 chain.p7b \
         chain-p7b.pem leaf.p7b legacy.pfx default.pfx des3-sha1.pfx legacy-descert.pfx nomac.pfx empty-password.pfx \
         unencrypted-mac.pfx unencrypted-nomac.pfx chain.pfx iter200k.pfx nonascii-pbes2.pfx nonascii-3des.pfx csp.pfx \
         aes128-sha512mac.pfx aes192-sha384mac.pfx sha1-2des.pfx rc2-128.pfx mac-sha224.pfx mac-sha384.pfx \
         certs-only.pfx key-only.pfx; do
  [[ ${M_LEAF[$f]} == "$RSA_LEAF" ]] || fail "$f leaf is not leaf-rsa"
done
EC_LEAF=$(sha_der_cert leaf-ec.pem)
for f in ec-default.pfx ec-legacy.pfx leaf-ec.key; do [[ ${M_LEAF[$f]} == "$EC_LEAF" ]] || fail "$f leaf is not leaf-ec"; done
[[ ${M_CERTS[fullchain.pem]} == 3 && ${M_CERTS[chain.p7b]} == 3 && ${M_CERTS[chain.pfx]} == 3 && ${M_CERTS[certs-only.pfx]} == 3 ]] || fail "chain cert counts"
[[ ${M_CERTS[bundle-with-keys.pem]} == 5 && ${M_KEYS[bundle-with-keys.pem]} == 2 ]] || fail "bundle counts"
[[ ${M_KEYS[certs-only.pfx]} == 0 && ${M_CERTS[key-only.pfx]} == 0 && ${M_KEYS[key-only.pfx]} == 1 ]] || fail "certs-only/key-only"
expect legacy.pfx enc 'pbeWithSHA1And40BitRC2-CBC';            expect legacy.pfx enc 'Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC'
expect legacy.pfx mac 'MAC: sha1'
expect default.pfx enc 'PBES2, PBKDF2, AES-256-CBC';           expect default.pfx enc 'PRF hmacWithSHA256'; expect default.pfx mac 'MAC: sha256'
expect des3-sha1.pfx enc 'PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC'; expect des3-sha1.pfx mac 'MAC: sha1'
expect legacy-descert.pfx enc 'PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC'
expect nomac.pfx mac 'none';                                   expect unencrypted-nomac.pfx mac 'none'
expect unencrypted-mac.pfx enc 'Key bag';                      expect unencrypted-mac.pfx mac 'MAC: sha256'
expect iter200k.pfx enc 'Iteration 200000';                    expect iter200k.pfx mac 'Iteration 200000'
expect nonascii-3des.pfx enc 'pbeWithSHA1And3-KeyTripleDES-CBC'
expect aes128-sha512mac.pfx enc 'AES-128-CBC';                 expect aes128-sha512mac.pfx mac 'MAC: sha512'
expect aes192-sha384mac.pfx enc 'AES-192-CBC';                 expect aes192-sha384mac.pfx mac 'MAC: sha384'
expect sha1-2des.pfx enc 'pbeWithSHA1And2-KeyTripleDES-CBC'
expect rc2-128.pfx enc 'pbeWithSHA1And128BitRC2-CBC'
expect mac-sha224.pfx mac 'MAC: sha224';                       expect mac-sha384.pfx mac 'MAC: sha384'
expect ec-legacy.pfx enc 'pbeWithSHA1And40BitRC2-CBC'
for f in "${!M_WRONG[@]}"; do
  [[ $f == unencrypted-nomac.pfx || -z ${M_WRONG[$f]} || ${M_WRONG[$f]} == true ]] || fail "$f accepts a wrong password"
done
[[ ${M_WRONG[unencrypted-nomac.pfx]} == false ]] || fail "unencrypted-nomac.pfx rejects a wrong password"
# the non-ASCII files open with the proper UTF-8 -> BMPString conversion, not OpenSSL's
# fallback for files written by OpenSSL < 1.1.0 (which would print "using broken algorithm")
for f in nonascii-pbes2.pfx nonascii-3des.pfx; do
  out=$(openssl pkcs12 -info -noout -in "$f" -passin "pass:$PW_NONASCII" 2>&1)
  [[ $out != *broken* ]] || fail "$f needed OpenSSL's broken-password fallback"
done

[[ ${M_ENC[corrupt-mac.pfx]} == *"read with -nomacver"* ]] || fail "corrupt-mac.pfx is not intact apart from its MAC"
[[ ${M_ENC[truncated.pfx]} == unreadable ]] || fail "truncated.pfx is readable"

# --- manifest.json ---------------------------------------------------------------------------
{
  printf '[\n'
  for i in "${!ENTRIES[@]}"; do
    printf '%s' "${ENTRIES[$i]}"
    (( i + 1 < ${#ENTRIES[@]} )) && printf ',\n' || printf '\n'
  done
  printf ']\n'
} > manifest.json

# every output file is in the manifest, and nothing else is in the folder
declare -A IN_MANIFEST=()
for f in "${!M_LEAF[@]}"; do IN_MANIFEST[$f]=1; done
for f in *; do
  case "$f" in make.sh|README.md|manifest.json) continue ;; esac
  [[ -n ${IN_MANIFEST[$f]:-} ]] || fail "$f is not in manifest.json"
done

for f in *; do [[ $f == make.sh ]] || chmod 644 -- "$f"; done   # OpenSSL writes keys and PKCS#12 files as 0600
echo "make.sh: wrote ${#ENTRIES[@]} fixtures + manifest.json in $HERE ($(du -sk . | cut -f1) KB) with $(openssl version)"
