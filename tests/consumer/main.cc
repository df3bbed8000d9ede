#include <winnow/cleaner.h>

#include <iostream>

int main() {
  winnow::Cleaner cleaner;
  winnow::CleanResult r = cleaner.Clean("Headline\n\nHeadline\nBody of the story.");
  std::cout << r.text << "\n";
  return r.removed_lines == 1 && r.text == "Headline\n\nBody of the story." ? 0 : 1;
}
