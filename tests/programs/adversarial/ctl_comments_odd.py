# leading comment
x = 1  # trailing
   # indented comment at odd indentation
if x:  # comment on if
    # comment inside block
        # deeper comment
    print('in')  # trailing
# dedented comment inside block
    print('still in')
print('out')  # end
x = (1 +  # comment inside parens
     2)
print(x)
# final comment no newline