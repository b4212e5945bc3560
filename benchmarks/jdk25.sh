# Sourced by run.sh and ab.sh: sets java25 to the java of JDK 25 ($JAVA25_HOME, else the first
# /usr/lib/jvm/*25* with bin/java), or exits saying how to point at one.
jdk25=${JAVA25_HOME:-}
if [[ -z $jdk25 ]]; then
  for dir in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
    if [[ -x $dir/bin/java ]]; then jdk25=$dir; break; fi
  done
fi
if [[ -z $jdk25 || ! -x $jdk25/bin/java ]]; then
  echo "No JDK 25 found: set JAVA25_HOME (nothing under /usr/lib/jvm/*25* with bin/java)." >&2
  exit 1
fi
java25=$jdk25/bin/java
