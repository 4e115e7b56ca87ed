'{a{}'.format()
