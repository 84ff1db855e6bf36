// The archive tests' SMTP server (tests/unit/archive/fake_smtp_server.h), built into the
// milter tests too: notices and warnings go to it. One source, two test binaries.
#include "../archive/fake_smtp_server.cpp"
