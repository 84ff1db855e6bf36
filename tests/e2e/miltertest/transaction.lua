-- One milter transaction against chaperone-milter, played by miltertest (OpenDKIM's
-- Lua-scripted milter client): a second, independent implementation of the MTA side of
-- the protocol, next to Postfix. Run by tests/e2e/miltertest_test.cpp.
--
--   miltertest -s transaction.lua -D SOCKET=unix:/path -D RCPT=parent@parents.example \
--              -D EXPECT=footer|untouched|tempfail [-D SUBJECT=...] [-D BODY=...]
--              [-D ACTIONS=0x1ff]   (an MTA that forbids body changes must get tempfail)
--
-- Keep bodies small: miltertest 2.11.0~beta2 reads each end-of-message reply into a
-- 1 KB stack buffer and aborts on a larger body replacement. Real-size footers are
-- proven through Postfix.

local socket = SOCKET or error("-D SOCKET=unix:PATH is required")
local rcpt = RCPT or "parent@parents.example"
local expect = EXPECT or "footer"
local body = BODY or "The coach leaves at nine.\r\n"
local actions = tonumber(ACTIONS or "0x1ff")  -- what the "MTA" lets the milter change

-- This miltertest prints nothing when a script raises an error, so the transaction runs
-- under pcall and failures are printed before exiting non-zero.
local function must(what, err)
  if err ~= nil then error(what .. ": " .. tostring(err)) end
end

local function transaction()
mt.set_timeout(20)
local conn = mt.connect(socket, 20, 0.25)
if conn == nil then error("cannot connect to " .. socket) end

-- Offer what Postfix 3.7 offers (protocol 6, all actions, all protocol steps): miltertest's
-- implicit negotiation offers less and dies silently when the milter asks for more.
-- chaperone then negotiates CONNECT/HELO/DATA/EOH away (so no conninfo/helo/eoh here: this
-- miltertest exits without a word when asked for a step the milter declined) and takes
-- MAIL/RCPT/header/body without replies.
must("negotiate", mt.negotiate(conn, 6, 0x1fffff, actions))
mt.macro(conn, SMFIC_MAIL, "{auth_authen}", "jbloggs")
must("mailfrom", mt.mailfrom(conn, "<j.bloggs@school.example>"))
must("rcptto", mt.rcptto(conn, "<" .. rcpt .. ">"))
must("header From", mt.header(conn, "From", "Jo Bloggs <j.bloggs@school.example>"))
must("header To", mt.header(conn, "To", rcpt))
must("header Subject", mt.header(conn, "Subject", SUBJECT or "Museum trip"))
must("header MIME-Version", mt.header(conn, "MIME-Version", "1.0"))
must("header Content-Type", mt.header(conn, "Content-Type", "text/plain; charset=us-ascii"))
must("body", mt.bodystring(conn, body))
mt.macro(conn, 69 --[[ SMFIC_BODYEOB 'E': not predefined in this miltertest ]], "i", "MILTERTEST1")
must("eom", mt.eom(conn))

local reply = mt.getreply(conn)
if expect == "tempfail" then
  if reply ~= SMFIR_TEMPFAIL then error("expected TEMPFAIL, got " .. tostring(reply)) end
else
  if reply ~= SMFIR_ACCEPT and reply ~= SMFIR_CONTINUE then
    error("expected ACCEPT, got " .. tostring(reply))
  end
end

if expect == "footer" then
  if not mt.eom_check(conn, MT_BODYCHANGE) then error("external mail: body not replaced") end
  if not mt.eom_check(conn, MT_HDRADD, "X-Chaperone-Disclaimer", "added") then
    error("external mail: X-Chaperone-Disclaimer: added missing")
  end
elseif expect == "untouched" then
  if mt.eom_check(conn, MT_BODYCHANGE) then error("internal mail: body was changed") end
  if mt.eom_check(conn, MT_HDRADD, "X-Chaperone-Disclaimer") then
    error("internal mail: disclaimer header added")
  end
end
if expect ~= "tempfail" and not mt.eom_check(conn, MT_HDRADD, "X-Chaperone") then
  error("X-Chaperone status header missing")
end

mt.disconnect(conn)
print("miltertest: " .. expect .. " ok for " .. rcpt)
end

local ok, err = pcall(transaction)
if not ok then
  print("miltertest FAILED: " .. tostring(err))
  os.exit(1)
end
