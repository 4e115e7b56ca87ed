print('ok')
'tab\there\nnewline\\back'
