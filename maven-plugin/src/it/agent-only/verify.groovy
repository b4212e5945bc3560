// Without the plugin: the agent rewrites at load time, in the tests and in the program exec:exec starts.
def log = new File(basedir, 'build.log').text
assert (log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/).count >= 2 : 'the tests did not pass under the agent'
assert log.contains('[users fetched, orders fetched, stock fetched] finished in the order [stock, orders, users]')
assert !log.contains('[awaitj]') : 'the agent reported a problem'
// nothing was rewritten at build time: the frame classes exist only in the JVMs the agent ran in
assert new File(basedir, 'target/classes/com/example/Fetcher.class').isFile()
assert !new File(basedir, 'target/classes/com/example/Fetcher$fetchAll$Coroutine.class').exists()
return true
