format(None, '>5')
