#!/usr/bin/env bash
# Writes a fictional roster of P pupils and about 1.75 contacts per pupil (canonical CSV
# headers of DESIGN.md) for benchmarks: valid UPN check letters, .example addresses, Ofcom
# drama phone numbers. Deterministic (the same P gives the same files).
#
#   tests/bench/make_roster.sh DIR [PUPILS]      default 2000 pupils -> DIR/{students,contacts,staff}.csv
set -euo pipefail
dir=$1; pupils=${2:-2000}
mkdir -p "$dir"
awk -v pupils="$pupils" -v dir="$dir" 'BEGIN {
    split("Amara Oliver Zoe Isla Theo Maisie Rory Aisha Kai Freya Leo Nia Arlo Esme Reuben Ivy Omar Hana Finn Lily", fore, " ")
    split("Okafor Hartley Dupre Fenwick Ashdown Thornbury Rahman Novak Osei Barker Quinn Lowe Patel Walsh Kaur Moss Iqbal Doyle Hughes Carter", sur, " ")
    split("Larch Close|Quarry Lane|Beacon Road|Mill Street|Orchard Way|Station Road|Church Lane|Park Avenue", street, "|")
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    s = dir "/students.csv"; c = dir "/contacts.csv"; t = dir "/staff.csv"
    print "upn,forename,surname,dob,year_group,address_line1,town,postcode" > s
    print "upn,contact_name,relationship,email,phone" > c
    print "name,email" > t
    for (i = 0; i < pupils; i++) {
        body = sprintf("856%02d%07d", 12 + i % 8, i)      # LA code 856, year, serial: 12 digits
        sum = 0
        for (k = 1; k <= 12; k++) sum += substr(body, k, 1) * (k + 1)
        upn = substr(letters, sum % 23 + 1, 1) body
        f = fore[i % 20 + 1]; g = sur[int(i / 20) % 20 + 1] (i >= 400 ? int(i / 400) : "")
        printf "%s,%s,%s,%04d-%02d-%02d,Year %d,%d %s,Leicester,LE%d %d%s\n", upn, f, g, 2010 + i % 8, i % 12 + 1, i % 28 + 1, i % 7 + 1, i % 90 + 1, street[i % 8 + 1], i % 9 + 1, i % 9 + 1, (i % 2 ? "XT" : "QR") >> s
        printf "%s,Mrs Parent%d %s,Mother,mother%d@parents.example,07700 900%03d\n", upn, i, g, i, i % 1000 >> c
        if (i % 4 != 0) printf "%s,Mr Parent%d %s,Father,father%d@home.example,0116 496 0%03d\n", upn, i, g, i, i % 1000 >> c
    }
    for (i = 0; i < 120; i++) printf "Staff%d Member,staff%d@school.example\n", i, i >> t
}'
