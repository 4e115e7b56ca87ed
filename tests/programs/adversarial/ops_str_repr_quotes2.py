'say "hi" and it\'s'
