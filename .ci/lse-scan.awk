# Reads `aarch64-linux-gnu-objdump -d --no-show-raw-insn LIB` and reports every ARMv8.1 LSE atomic
# (LDADD, CAS, SWP, LDSET ... and their ST* aliases) that a Cortex-A72 (ARMv8.0, Raspberry Pi 4) would die on
# with SIGILL. Accepted without a word:
#   - the LSE instruction of GCC's outline-atomics helpers: functions named __aarch64_* (libgcc's lse.S),
#     or, in a stripped library where those names are gone, an LSE instruction right after lse.S's run-time
#     check `ldrb w16, [x16, ...]` (the byte __aarch64_have_lse_atomics, set from the CPU's HWCAP_ATOMICS)
#     followed by `cbz w16, <LL/SC fallback>`;
#   - an LSE instruction in a function that itself runs SVE instructions (z/p registers): neither the Pi 4
#     (Cortex-A72) nor the Pi 5 (Cortex-A76) has SVE, so such code is only ever entered behind the library's
#     own run-time ISA dispatch (Arm Compute Library's CPUInfo::has_sve()), and the check cannot tell LSE
#     apart from the SVE instruction next to it anyway;
#   - an LSE instruction in a compiler-made local clone (name.part.N, .isra.N, .constprop.N, .cold) whose every
#     caller is accepted by these rules or by the allow-list, or that no instruction refers to (a clone has
#     internal linkage: it is only reached through the references seen here).
# Everything else is printed as "HIT<TAB>address<TAB>function<TAB>instruction" for the allow-list to judge.
# Variables: lib (the library's name, for messages).
# Plain POSIX awk (Debian's mawk): no gawk extensions.

BEGIN {
    lse = "^(ldadd|ldclr|ldeor|ldset|ldsmax|ldsmin|ldumax|ldumin|swp|cas|stadd|stclr|steor|stset|stsmax|stsmin|stumax|stumin)"
    clone = "\\.(part|isra|constprop|cold)(\\.[0-9]+)?"
    helpers = 0; guarded = 0; insns = 0
}

# "0000000000012340 <name>:" starts a function
/^[0-9a-f]+ <.*>:$/ {
    fa = $1; sub(/^0+/, "", fa)
    fn = substr($0, index($0, "<") + 1); fn = substr(fn, 1, length(fn) - 2)
    name[fa] = fn
    p1 = ""; p2 = ""
    next
}

# "   12344:\tldaddal\tw1, w0, [x2]"
/^ *[0-9a-f]+:\t/ {
    n = split($0, f, "\t")
    m = f[2]; ops = (n >= 3) ? f[3] : ""
    at = f[1]; sub(/^ */, "", at); sub(/:$/, "", at)
    insns++
    operands = ops; sub(/<.*/, "", operands); sub(/\/\/.*/, "", operands)
    # SVE: z0-z31 / p0-p15 registers (z0.s, p0/z, bare z8 in a spill), VL-scaled addressing, ADDVL/RDVL
    if (operands ~ /(^|[^a-z0-9_])[zp][0-9]+([^0-9a-z_]|$)/ || operands ~ /mul vl/ || m ~ /^(addvl|addpl|rdvl)$/) sve[fa] = 1
    # every reference to the start of a local clone (bl, b, b.cond, cbz, adr...): who reaches it
    if (ops ~ ("<[^>+]*" clone "[^>+]*>")) {
        t = ops; sub(/^[^0-9a-f]*/, "", t); sub(/ .*/, "", t); sub(/^0+/, "", t)
        if (t != fa) callers[t] = callers[t] " " fa
    }
    if (m ~ lse) {
        if (fn ~ /^__aarch64_/) helpers++
        else if (p2 ~ /^ldrb\tw16, \[x16/ && p1 ~ /^cbz\tw16,/) guarded++
        else { nhits++; hitfn[nhits] = fa; hitat[nhits] = at; hitm[nhits] = m }
    }
    p2 = p1; p1 = m "\t" ops
}

# accepted(fa): by SVE, or as a clone whose callers are all accepted (or allow-listed: "?" = let the shell decide)
function accepted(fa,    k, i, list, cs, r) {
    if (fa in memo) return memo[fa]
    memo[fa] = 0                                  # cycles count as not proven
    if (fa in sve) { memo[fa] = 1; return 1 }
    if (name[fa] !~ clone) return 0
    list = callers[fa]
    if (list == "") { memo[fa] = 1; dead[fa] = 1; return 1 }   # a clone no code refers to: dead code
    k = split(list, cs, " ")
    r = 1
    for (i = 1; i <= k; i++) {
        if (cs[i] == "") continue
        if (!accepted(cs[i])) { r = 0; unproven[fa] = unproven[fa] " " cs[i] }
    }
    memo[fa] = r
    return r
}

END {
    sveok = 0; cloneok = 0
    for (h = 1; h <= nhits; h++) {
        fa = hitfn[h]
        if (accepted(fa)) {
            if (fa in sve) sveok++; else cloneok++
            continue
        }
        # not proven here: the shell checks it (and, for a clone, the callers that were not proven) against
        # the allow-list
        line = "HIT\t" hitat[h] "\t" name[fa] "\t" hitm[h]
        if (fa in unproven) {
            k = split(unproven[fa], cs, " ")
            for (i = 1; i <= k; i++) if (cs[i] != "" && !((cs[i], fa) in said)) { said[cs[i], fa] = 1; line = line "\tcalled from\t" name[cs[i]] }
        }
        print line
    }
    printf "SUMMARY\t%d instructions, LSE: %d in __aarch64_* helpers, %d behind the lse.S check, %d in SVE code, %d in clones called only from accepted code, %d to judge\n", insns, helpers, guarded, sveok, cloneok, nhits - sveok - cloneok
}
